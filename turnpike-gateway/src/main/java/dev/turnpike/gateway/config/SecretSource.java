package dev.turnpike.gateway.config;

import dev.turnpike.io.SecretFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a secret (a database password, a Core Lightning rune, an LNbits key) comes from: a file, an environment
 * variable, or (warned about at load) the configuration file itself. Read when it is needed, so a rotated file
 * is picked up on the next start. {@code toString()} never shows a secret.
 */
public sealed interface SecretSource permits SecretSource.FromFile, SecretSource.FromEnv, SecretSource.Inline {

    /** The secret, read now. @throws IOException if the file cannot be read or the variable is unset */
    String read() throws IOException;

    /** The first line of a file (a trailing newline is ignored; at most {@value SecretFiles#MAX_BYTES} bytes); the file existed at load. */
    record FromFile(Path file) implements SecretSource {
        public FromFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String read() throws IOException {
            try {
                return SecretFiles.firstLine(file, "a secret");
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    /** An environment variable (it was set at load). */
    record FromEnv(String variable) implements SecretSource {
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
    record Inline(String secret) implements SecretSource {
        public Inline {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String read() {
            return secret;
        }

        @Override
        public String toString() {
            return "Inline[secret=****]";
        }
    }
}
