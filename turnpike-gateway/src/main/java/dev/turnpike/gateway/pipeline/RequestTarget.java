package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.route.PathNormaliser;
import dev.turnpike.gateway.route.PathNormaliser.InvalidPathException;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Locale;

/**
 * Reads the path and host of a request target. Absolute-form targets become origin-form, and the path is put in
 * its normal form ({@link PathNormaliser}) in the request itself, so what is matched is what is forwarded.
 */
final class RequestTarget {

    private RequestTarget() {}

    /**
     * The normal path without query, also written back into the request's target; {@code *} as it is.
     *
     * @throws InvalidPathException when the target is neither origin-form, absolute-form nor {@code *}, or its
     *     path cannot be normalised
     */
    static String path(HttpRequest request) throws InvalidPathException {
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            uri = originForm(uri);
            if (uri == null) {
                throw new InvalidPathException("the request target is not a path or an absolute URL");
            }
            if (uri.equals("*")) {
                return uri;
            }
        }
        int query = uri.indexOf('?');
        String raw = query < 0 ? uri : uri.substring(0, query);
        String path = PathNormaliser.normalise(raw);
        if (path != raw || !uri.equals(request.uri())) {
            request.setUri(query < 0 ? path : path + uri.substring(query));
        }
        return path;
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
