package dev.turnpike.gateway.config;

import java.util.Objects;

/**
 * One problem (or warning) found in a configuration file.
 *
 * @param source  the file's name as given to the loader
 * @param line    1-based line, or 0 when the problem concerns the file as a whole
 * @param column  1-based column (in characters), or 0 with {@code line} 0
 * @param path    the key path, e.g. {@code services[1].price_sats}; empty for the file or the YAML syntax
 * @param message what is wrong, e.g. {@code must be a whole number >= 1, was "ten"}
 */
public record ConfigProblem(String source, int line, int column, String path, String message) {

    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code turnpike.yaml:14:5: services[1].price_sats: must be a whole number >= 1, was "ten"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
