package dev.turnpike.gateway.pipeline;

import io.netty.handler.codec.http.HttpRequest;
import java.util.Locale;

/** Reads the path and host of a request target; absolute-form targets become origin-form. */
final class RequestTarget {

    private RequestTarget() {}

    /** The path without query, or null when the target is neither origin-form, absolute-form nor {@code *}. */
    static String path(HttpRequest request) {
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            uri = originForm(uri);
            if (uri == null) {
                return null;
            }
            request.setUri(uri);
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static String originForm(String uri) {
        if (uri.equals("*")) {
            return uri;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0 || !(uri.regionMatches(true, 0, "http", 0, 4))) {
            return null;
        }
        int slash = uri.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : uri.substring(slash);
    }

    /** The host name of a Host value: lower case, without port or IPv6 brackets; null for null. */
    static String hostname(String host) {
        if (host == null) {
            return null;
        }
        int end;
        int start = 0;
        if (host.startsWith("[")) {
            start = 1;
            end = host.indexOf(']');
            end = end < 0 ? host.length() : end;
        } else {
            end = host.indexOf(':');
            end = end < 0 ? host.length() : end;
        }
        return host.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
