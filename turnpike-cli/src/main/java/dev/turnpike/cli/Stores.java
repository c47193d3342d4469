package dev.turnpike.cli;

import dev.turnpike.gateway.config.StoreConfig;
import dev.turnpike.store.Database;
import java.io.IOException;
import java.util.Optional;

/** Opens the store a configuration names, migrated to the current schema: the gateway's and the store commands'. */
final class Stores {

    private Stores() {}

    /** SQLite at its path, or PostgreSQL, whose password is read now (a rotated file is picked up next time). */
    static Database open(StoreConfig store) throws IOException {
        return switch (store) {
            case StoreConfig.Sqlite sqlite -> Database.sqlite(sqlite.path());
            case StoreConfig.Postgres pg -> Database.postgres(pg.url(), pg.user(),
                    pg.password().isPresent() ? Optional.of(pg.password().get().read()) : Optional.empty(),
                    pg.poolSize());
        };
    }

    /** Where the store is, for people: the file, or the URL and user (never a password: the URL carries none). */
    static String describe(StoreConfig store) {
        return switch (store) {
            case StoreConfig.Sqlite sqlite -> "SQLite " + sqlite.path();
            case StoreConfig.Postgres pg -> "PostgreSQL " + pg.url() + pg.user().map(u -> " as " + u).orElse("");
        };
    }
}
