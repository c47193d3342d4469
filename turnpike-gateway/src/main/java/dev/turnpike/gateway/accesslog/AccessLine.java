package dev.turnpike.gateway.accesslog;

import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * The fields of an access log line, in order, each named as in docs/operations.md. Fields without a value are left
 * out. The target keeps its path and the names of its query parameters, never their values (they may hold an API
 * key or a token).
 */
final class AccessLine {

    /** Longest path written; longer ones are cut, ending with {@value #CUT}. */
    static final int MAX_TARGET = 1024;
    static final String CUT = "...";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,64}");

    /** Where the fields go, each typed so that a writer needs no boxing or intermediate text. */
    interface Fields {
        void text(String name, String value);

        void address(String name, InetAddress value);

        void number(String name, long value);

        /** A duration in milliseconds with one decimal, given as a whole number of tenths. */
        void tenthsOfMillis(String name, long tenths);
    }

    private AccessLine() {}

    /** Passes each field of {@code r} to {@code out}. */
    static void fields(AccessRecord r, Fields out) {
        out.address("client", r.client());
        out.text("method", r.method());
        out.text("path", target(r.path() == null ? r.target() : r.path() + query(r.target())));
        out.number("status", r.status());
        optional(out, "service", r.service());
        optional(out, "auth", r.auth());
        optional(out, "reason", r.reason());
        if (r.tokenId() != null) {
            out.text("token_id", r.tokenId().toHex());
        }
        optional(out, "wallet", r.wallet());
        out.number("bytes_in", r.bytesIn());
        out.number("bytes_out", r.bytesOut());
        if (r.upstreamNanos() >= 0) {
            out.tenthsOfMillis("upstream_ms", tenths(r.upstreamNanos()));
        }
        out.tenthsOfMillis("total_ms", tenths(r.totalNanos()));
    }

    private static void optional(Fields out, String name, String value) {
        if (value != null) {
            out.text(name, value);
        }
    }

    /** Rounded to tenths of a millisecond: 3 (0.3 ms) for a gateway's own answer, 125 (12.5 ms) for an upstream's. */
    private static long tenths(long nanos) {
        return (nanos + 50_000) / 100_000;
    }

    private static String query(String target) {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q);
    }

    /**
     * The path of a request target and the names of its query parameters: {@code /a/b?key&page} for
     * {@code http://user:pw@host/a/b?key=secret&page=2#x}. An absolute target loses its scheme and authority (which
     * may hold a password).
     */
    static String target(String target) {
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme > 0 && t.indexOf('/') > scheme) {
            int path = t.indexOf('/', scheme + 3);
            int query = t.indexOf('?', scheme + 3);
            int start = path < 0 ? query : query < 0 ? path : Math.min(path, query);
            t = start < 0 ? "/" : t.substring(start);
        }
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        int q = t.indexOf('?');
        String out = q < 0 ? t : t.substring(0, q) + queryKeys(t.substring(q + 1));
        return out.length() <= MAX_TARGET ? out : out.substring(0, MAX_TARGET - CUT.length()) + CUT;
    }

    /** The names of {@code key=value} pairs that look like names; a bare {@code ?word} may be a secret itself. */
    private static String queryKeys(String query) {
        StringBuilder keys = new StringBuilder("?");
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && KEY.matcher(pair).region(0, eq).matches()) {
                keys.append(keys.length() > 1 ? "&" : "").append(pair, 0, eq);
            }
        }
        return keys.length() > 1 ? keys.toString() : "";
    }
}
