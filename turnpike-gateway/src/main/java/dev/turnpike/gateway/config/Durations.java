package dev.turnpike.gateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Durations as people write them in configuration and on the command line: a whole number and a unit,
 * {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or ISO-8601 ({@code PT1H30M}, {@code P7D}). Never negative.
 */
public final class Durations {

    private static final String EXAMPLES = "e.g. 90s, 30m, 12h, 7d or ISO-8601 PT1H";

    private Durations() {}

    /**
     * Parses {@code text} (surrounding white space ignored, units in either case).
     *
     * @throws IllegalArgumentException with a message naming the input and the accepted forms
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("not a duration: empty (" + EXAMPLES + ")");
        }
        String v = text.strip();
        char first = v.charAt(0);
        if (first == 'P' || first == 'p') {
            Duration d;
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "' (" + EXAMPLES + ")");
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException("a duration must not be negative: '" + text + "'");
            }
            return d;
        }
        int last = v.length() - 1;
        if (last < 1 || last > 18) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (" + EXAMPLES + ")");
        }
        for (int i = 0; i < last; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a duration: '" + text + "' (" + EXAMPLES + ")");
            }
        }
        char unit = Character.toLowerCase(v.charAt(last));
        if (unit >= '0' && unit <= '9') {
            throw new IllegalArgumentException("a duration needs a unit: '" + text + "' (" + EXAMPLES + ")");
        }
        long n = Long.parseLong(v.substring(0, last));
        try {
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException(
                        "unknown unit '" + v.charAt(last) + "' in '" + text + "': use s, m, h or d (" + EXAMPLES + ")");
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration too long: '" + text + "'");
        }
    }

    /** The shortest form {@link #parse} reads back to {@code d}: {@code 7d}, {@code 90m}, {@code 45s}, or ISO-8601. */
    public static String format(Duration d) {
        if (d.isNegative() || d.getNano() != 0) {
            return d.toString();
        }
        long s = d.getSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
