package dev.turnpike.gateway.accesslog;

import java.util.function.BiConsumer;
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

    private AccessLine() {}

    /** Passes each field of {@code r} to {@code out} as a name and a String, Integer, Long or Double value. */
    static void fields(AccessRecord r, BiConsumer<String, Object> out) {
        out.accept("client", r.client().getHostAddress());
        out.accept("method", r.method());
        out.accept("path", target(r.target()));
        out.accept("status", r.status());
        optional(out, "service", r.service());
        optional(out, "auth", r.auth());
        optional(out, "reason", r.reason());
        if (r.tokenId() != null) {
            out.accept("token_id", r.tokenId().toHex());
        }
        optional(out, "wallet", r.wallet());
        out.accept("bytes_in", r.bytesIn());
        out.accept("bytes_out", r.bytesOut());
        if (r.upstreamNanos() >= 0) {
            out.accept("upstream_ms", millis(r.upstreamNanos()));
        }
        out.accept("total_ms", millis(r.totalNanos()));
    }

    private static void optional(BiConsumer<String, Object> out, String name, String value) {
        if (value != null) {
            out.accept(name, value);
        }
    }

    /** Milliseconds with a tenth: 0.3 for a gateway's own answer, 12.5 for an upstream's. */
    private static Double millis(long nanos) {
        return ((nanos + 50_000) / 100_000) / 10.0;
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
