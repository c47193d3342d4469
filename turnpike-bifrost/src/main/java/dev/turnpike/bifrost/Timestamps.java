package dev.turnpike.bifrost;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token's times: ISO-8601 in UTC with a {@code Z}, as in {@code 2025-04-28T08:50:41Z}. Fractions of a second
 * are accepted (JavaScript's {@code toISOString()} writes milliseconds) and never written.
 */
final class Timestamps {
    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Timestamps() {}

    /** The instant of a strict UTC timestamp, or empty. */
    static Optional<Instant> parse(String text) {
        if (!FORMAT.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whole seconds, e.g. {@code 2025-04-28T08:50:41Z}; the fraction is dropped.
     *
     * @throws IllegalArgumentException for instants before 1970 or after 9999
     */
    static String format(Instant instant) {
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("a token time must lie between 1970 and 9999: " + instant);
        }
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
