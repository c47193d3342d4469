package dev.turnpike.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The value types several sections share, each a parser from the file's text that throws
 * {@link IllegalArgumentException} with the message to show ({@link Section#scalar} adds where). A value only one
 * section knows is parsed in that section's reader.
 */
final class Values {

    private static final Pattern URL_PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private Values() {}

    static Boolean bool(String s) {
        return switch (s) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw new IllegalArgumentException("must be true or false, was " + Problems.quote(s));
        };
    }

    /** A whole number from {@code min} to {@code max}. */
    static Function<String, Long> integer(long min, long max) {
        return wholeNumber(min, max, "from " + min + " to " + max);
    }

    /** A whole number {@code >= min}, up to a {@code max} too large to mention. */
    static Function<String, Long> atLeast(long min, long max) {
        return wholeNumber(min, max, ">= " + min);
    }

    private static Function<String, Long> wholeNumber(long min, long max, String range) {
        return s -> {
            String t = s.strip();
            boolean digits = !t.isEmpty() && t.length() <= 18 && t.chars().allMatch(c -> c >= '0' && c <= '9');
            long v = digits ? Long.parseLong(t) : -1;
            if (!digits || v < min || v > max) {
                throw new IllegalArgumentException("must be a whole number " + range + ", was " + Problems.quote(s));
            }
            return v;
        };
    }

    static Function<String, Duration> duration(Duration min, Duration max) {
        return s -> {
            Duration d;
            try {
                d = Durations.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be a duration such as 90s, 30m, 12h, 7d or PT1H, was "
                        + Problems.quote(s));
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be from " + Durations.format(min) + " to "
                        + Durations.format(max) + ", was " + Problems.quote(s));
            }
            return d;
        };
    }

    static String nonBlank(String s) {
        if (s.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return s;
    }

    /** Where an API is mounted: {@code /devwallet}, {@code /a/b}; no trailing slash, no dot segments. */
    static String urlPrefix(String s) {
        if (!URL_PREFIX.matcher(s).matches() || s.contains("/./") || s.contains("/../") || s.endsWith("/.")
                || s.endsWith("/..")) {
            throw new IllegalArgumentException("must be a path prefix like /devwallet (starts with '/', no trailing"
                    + " '/', letters, digits and . _ ~ -), was " + Problems.quote(s));
        }
        return s;
    }

    static URI uri(String s) {
        try {
            return new URI(s.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + Problems.quote(s));
        }
    }

    /** Lower case; empty for a URL without one. */
    static String schemeOf(URI u) {
        return u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    }
}
