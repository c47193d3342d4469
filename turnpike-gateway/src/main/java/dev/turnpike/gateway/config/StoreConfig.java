package dev.turnpike.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
     * with the password from a file, an environment variable, or (warned about) inline.
     */
    record Postgres(String url, Optional<String> user, Optional<PasswordSource> password) implements StoreConfig {
        public Postgres {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    /** Where a password comes from. {@code toString()} never shows a password. */
    sealed interface PasswordSource permits PasswordSource.FromFile, PasswordSource.FromEnv, PasswordSource.Inline {

        /** The password, read now. @throws IOException if the file cannot be read or the variable is unset */
        String read() throws IOException;

        /** The first line of a file (a trailing newline is ignored); the file existed at load. */
        record FromFile(Path file) implements PasswordSource {
            public FromFile {
                Objects.requireNonNull(file, "file");
            }

            @Override
            public String read() throws IOException {
                String s = Files.readString(file, StandardCharsets.UTF_8);
                int nl = s.indexOf('\n');
                String line = nl < 0 ? s : s.substring(0, nl);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
        }

        /** An environment variable (it was set at load). */
        record FromEnv(String variable) implements PasswordSource {
            public FromEnv {
                Objects.requireNonNull(variable, "variable");
            }

            @Override
            public String read() throws IOException {
                String v = System.getenv(variable);
                if (v == null) {
                    throw new IOException("environment variable " + variable + " is not set");
                }
                return v;
            }
        }

        /** Written in the configuration file itself (the loader warns). */
        record Inline(String password) implements PasswordSource {
            public Inline {
                Objects.requireNonNull(password, "password");
            }

            @Override
            public String read() {
                return password;
            }

            @Override
            public String toString() {
                return "Inline[password=****]";
            }
        }
    }
}
