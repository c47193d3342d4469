package dev.turnpike.gateway.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Removes the headers that belong to one connection and must not cross the proxy (RFC 9110 section 7.6.1). */
public final class HopByHop {

    private static final AsciiString PROXY_PREFIX = AsciiString.cached("proxy-");
    private static final AsciiString HTTP2_STREAM_ID = AsciiString.cached("x-http2-stream-id");
    private static final AsciiString HTTP2_SCHEME = AsciiString.cached("x-http2-scheme");

    private HopByHop() {}

    /**
     * Strips a request's hop-by-hop headers as it arrives, before the gateway adds its own (a client's
     * {@code Connection: x-forwarded-for} must not remove what the gateway adds); keeps its chunked framing.
     */
    public static void stripFromRequest(HttpRequest request) {
        boolean chunked = HttpUtil.isTransferEncodingChunked(request);
        strip(request.headers());
        if (chunked) {
            HttpUtil.setTransferEncodingChunked(request, true);
        }
    }

    /**
     * Strips hop-by-hop headers; {@code TE: trailers} survives (gRPC needs it). One pass over the headers
     * finds them (most requests and responses have none or one), instead of a hash lookup per name.
     */
    static void strip(HttpHeaders headers) {
        List<CharSequence> found = null;
        boolean connection = false;
        boolean trailers = false;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            if (isHopByHop(name)) {
                if (found == null) {
                    found = new ArrayList<>(4);
                }
                found.add(name);
                if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION)) {
                    connection = true;
                } else if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TE)
                        && AsciiString.contentEqualsIgnoreCase(e.getValue(), HttpHeaderValues.TRAILERS)) {
                    trailers = true;
                }
            }
        }
        if (found == null) {
            return;
        }
        if (connection) {
            // the headers the Connection header names go too (possibly TE itself: then no trailers)
            for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
                for (String token : value.split(",")) {
                    String name = token.trim();
                    if (!name.isEmpty()) {
                        headers.remove(name);
                    }
                }
            }
            trailers = trailers && headers.contains(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS, true);
        }
        for (CharSequence name : found) {
            headers.remove(name);
        }
        if (trailers) {
            headers.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
        }
    }

    private static boolean isHopByHop(CharSequence name) {
        return switch (name.length()) {
            case 2 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TE);
            case 7 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRAILER)
                    || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.UPGRADE)
                    || isProxyHeader(name);
            case 10 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION)
                    || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.KEEP_ALIVE)
                    || isProxyHeader(name);
            case 14 -> AsciiString.contentEqualsIgnoreCase(name, HTTP2_SCHEME) || isProxyHeader(name);
            case 17 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING)
                    || AsciiString.contentEqualsIgnoreCase(name, HTTP2_STREAM_ID)
                    || isProxyHeader(name);
            default -> isProxyHeader(name);
        };
    }

    private static boolean isProxyHeader(CharSequence name) {
        return AsciiString.regionMatches(name, true, 0, PROXY_PREFIX, 0, PROXY_PREFIX.length());
    }
}
