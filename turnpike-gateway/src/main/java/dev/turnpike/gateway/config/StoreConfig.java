package dev.turnpike.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the gateway keeps root keys, tokens, invoices, revocations and freebie counters. */
public sealed interface StoreConfig permits StoreConfig.Sqlite, StoreConfig.Postgres {

    /** A SQLite file (WAL), {@code <data_dir>/turnpike.db} by default. */
    record Sqlite(Path path) implements StoreConfig {
        public Sqlite {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * PostgreSQL at a JDBC URL ({@code jdbc:postgresql://host[:port]/db}, without credentials), as {@code user},
     * with the password from a file, an environment variable, or (warned about) inline, through a pool of at most
     * {@code poolSize} connections.
     */
    record Postgres(String url, Optional<String> user, Optional<SecretSource> password, int poolSize)
            implements StoreConfig {
        public Postgres {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
            }
        }

        /**
         * PostgreSQL at a URL in either form {@code store.url} takes (a libpq URL may name the user), as the
         * configuration reads it, for commands that take a URL on their command line.
         *
         * @throws IllegalArgumentException saying what is wrong with the URL (never quoting a password: one is refused)
         */
        public static Postgres at(String url, Optional<SecretSource> password, int poolSize) {
            StoreConfigReader.PostgresUrl u = StoreConfigReader.postgresUrl(url);
            return new Postgres(u.jdbc(), u.user(), password, poolSize);
        }
    }
}
