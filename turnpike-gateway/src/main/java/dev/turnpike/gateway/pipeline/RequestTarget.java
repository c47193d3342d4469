package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.route.PathNormaliser;
import dev.turnpike.gateway.route.PathNormaliser.InvalidPathException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;

/**
 * Reads the target and host of a request, once, before anything matches them (RFC 9112 §3.2–3.3). Absolute-form
 * targets become origin-form with their authority as the Host; the path is put in its normal form
 * ({@link PathNormaliser}) in the request itself, so what is matched is what is forwarded; a Host that is missing
 * (HTTP/1.1), repeated or not a host[:port] is refused.
 */
final class RequestTarget {

    private RequestTarget() {}

    /**
     * The normal path without query, also written back into the request's target; {@code *} as it is.
     *
     * @throws InvalidTargetException when the target is neither origin-form, absolute-form nor {@code *}, or its
     *     path cannot be normalised
     */
    static String path(HttpRequest request) throws InvalidTargetException {
        String uri = request.uri();
        if (uri.equals("*")) {
            return uri;
        }
        if (!uri.startsWith("/")) {
            uri = originForm(request, uri);
        }
        int query = uri.indexOf('?');
        String raw = query < 0 ? uri : uri.substring(0, query);
        String path;
        try {
            path = PathNormaliser.normalise(raw);
        } catch (InvalidPathException e) {
            throw new InvalidTargetException(e.getMessage());
        }
        if (path != raw || !uri.equals(request.uri())) {
            request.setUri(query < 0 ? path : path + uri.substring(query));
        }
        return path;
    }

    /** {@code http://authority/path?query} as {@code /path?query}, its authority made the request's Host. */
    private static String originForm(HttpRequest request, String uri) throws InvalidTargetException {
        int start = uri.regionMatches(true, 0, "http://", 0, 7) ? 7
                : uri.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
        if (start < 0) {
            throw new InvalidTargetException("the request target is not a path or an absolute URL");
        }
        int end = start;
        while (end < uri.length() && uri.charAt(end) != '/' && uri.charAt(end) != '?') {
            end++;
        }
        String authority = uri.substring(start, end);
        if (authority.isEmpty() || !isHostAndPort(authority)) {
            throw new InvalidTargetException("the request target's authority is not a host[:port]");
        }
        request.headers().set(HttpHeaderNames.HOST, authority);
        String rest = uri.substring(end);
        return rest.startsWith("/") ? rest : "/" + rest;
    }

    /**
     * The request's one Host value; null only for an HTTP/1.0 request without one.
     *
     * @throws InvalidTargetException when Host is repeated, not a host[:port], or missing from an HTTP/1.1 request
     */
    static String host(HttpRequest request) throws InvalidTargetException {
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            throw new InvalidTargetException("the request has more than one Host header");
        }
        if (hosts.isEmpty()) {
            if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                return null;
            }
            throw new InvalidTargetException("the request has no Host header");
        }
        String host = hosts.get(0);
        if (!host.isEmpty() && !isHostAndPort(host)) {
            throw new InvalidTargetException("the Host header is not a host[:port]");
        }
        return host;
    }

    /** RFC 3986's {@code host [":" port]}: an IP literal in brackets or a reg-name, then digits. */
    static boolean isHostAndPort(String value) {
        boolean literal = value.startsWith("[");
        int end = literal ? value.indexOf(']') + 1 : value.indexOf(':');
        end = end < 0 ? value.length() : end;
        if (literal && (end == 0 || (end < value.length() && value.charAt(end) != ':'))) {
            return false;
        }
        for (int i = literal ? 1 : 0; i < (literal ? end - 1 : end); i++) {
            char c = value.charAt(i);
            if (literal ? !(c == ':' || c == '.' || Character.digit(c, 16) >= 0) : !isRegNameChar(c)) {
                return false;
            }
        }
        int portDigits = Math.max(0, value.length() - end - 1);
        for (int i = end + 1; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return portDigits <= 5;
    }

    private static boolean isRegNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=%".indexOf(c) >= 0;
    }

    /** A request target or Host the gateway cannot route; the message is written for the client. */
    static final class InvalidTargetException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTargetException(String message) {
            super(message, null, false, false);
        }
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
