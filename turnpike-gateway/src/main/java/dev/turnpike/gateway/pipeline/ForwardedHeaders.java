package dev.turnpike.gateway.pipeline;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Tells the upstream who asked: {@code X-Forwarded-For} and {@code Forwarded} get this hop appended;
 * {@code X-Forwarded-Proto/Host} are kept from a trusted proxy, else set from this connection.
 */
final class ForwardedHeaders {

    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    private static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    /** The peer as it appears in the headers: its address, and the {@code for=} value (IPv6 quoted). */
    private final String peer;
    private final String forNode;
    private final boolean peerTrusted;
    private final String scheme;

    ForwardedHeaders(String peer, boolean ipv6, boolean peerTrusted, String scheme) {
        this.peer = peer;
        this.forNode = ipv6 ? "\"[" + peer + "]\"" : peer;
        this.peerTrusted = peerTrusted;
        this.scheme = scheme;
    }

    void apply(HttpHeaders headers, String host) {
        append(headers, X_FORWARDED_FOR, peer);
        if (!peerTrusted || !headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, scheme);
        }
        if (host != null && (!peerTrusted || !headers.contains(X_FORWARDED_HOST))) {
            headers.set(X_FORWARDED_HOST, host);
        }
        String element = host == null
                ? "for=" + forNode + ";proto=" + scheme
                : "for=" + forNode + ";host=\"" + host.replace("\"", "") + "\";proto=" + scheme;
        append(headers, FORWARDED, element);
    }

    private static void append(HttpHeaders headers, AsciiString name, String value) {
        java.util.List<String> existing = headers.getAll(name);
        headers.set(name, existing.isEmpty() ? value : String.join(", ", existing) + ", " + value);
    }
}
