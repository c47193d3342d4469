package dev.turnpike.gateway.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Removes the headers that belong to one connection and must not cross the proxy (RFC 9110 section 7.6.1). */
final class HopByHop {

    private static final AsciiString PROXY_PREFIX = AsciiString.cached("proxy-");
    private static final AsciiString HTTP2_STREAM_ID = AsciiString.cached("x-http2-stream-id");
    private static final AsciiString HTTP2_SCHEME = AsciiString.cached("x-http2-scheme");

    private HopByHop() {}

    /** Strips hop-by-hop headers; {@code TE: trailers} survives (gRPC needs it). */
    static void strip(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
                for (String token : value.split(",")) {
                    String name = token.trim();
                    if (!name.isEmpty()) {
                        headers.remove(name);
                    }
                }
            }
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        boolean trailers = headers.contains(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS, true);
        headers.remove(HttpHeaderNames.KEEP_ALIVE)
                .remove(HttpHeaderNames.TE)
                .remove(HttpHeaderNames.TRAILER)
                .remove(HttpHeaderNames.TRANSFER_ENCODING)
                .remove(HttpHeaderNames.UPGRADE)
                .remove(HTTP2_STREAM_ID)
                .remove(HTTP2_SCHEME);
        removeProxyHeaders(headers);
        if (trailers) {
            headers.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
        }
    }

    private static void removeProxyHeaders(HttpHeaders headers) {
        List<CharSequence> names = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            if (AsciiString.regionMatches(name, true, 0, PROXY_PREFIX, 0, PROXY_PREFIX.length())) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(name);
            }
        }
        if (names != null) {
            names.forEach(headers::remove);
        }
    }
}
