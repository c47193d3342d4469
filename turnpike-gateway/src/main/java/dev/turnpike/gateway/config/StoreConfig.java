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
    }
}
