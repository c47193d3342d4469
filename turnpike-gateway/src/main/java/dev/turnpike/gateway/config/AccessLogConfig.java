package dev.turnpike.gateway.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The access log: one line per request (see docs/operations.md "Access log").
 *
 * @param enabled whether requests are logged at all (default true)
 * @param sample  the share of requests logged, 0 to 1 (default 1: every request)
 * @param file    an owner-only file to append the lines to (its new folder 0700); empty: the log stream, as the
 *                logger {@code turnpike.access}
 */
public record AccessLogConfig(boolean enabled, double sample, Optional<Path> file) {

    public static final AccessLogConfig DEFAULT = new AccessLogConfig(true, 1.0, Optional.empty());
    public static final AccessLogConfig OFF = new AccessLogConfig(false, 1.0, Optional.empty());

    public AccessLogConfig {
        if (!(sample >= 0 && sample <= 1)) {
            throw new IllegalArgumentException("sample must be within 0 and 1, was " + sample);
        }
    }
}
