package dev.turnpike.bifrost;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The form in which a proof's {@code htu} and the request's URL are compared (RFC 9449 section 4.3): absolute
 * {@code http} or {@code https}, no user info, without query and fragment, normalized as RFC 3986 sections 6.2.2
 * and 6.2.3 say (lower-case scheme and host, default port dropped, empty path as {@code /}, dot segments removed,
 * percent-encodings of unreserved characters decoded and the others in upper case). Pure syntax: no look-ups.
 */
final class RequestUrl {
    static final int MAX_LENGTH = 2048;
    private static final String UNRESERVED_PUNCTUATION = "-._~";

    private RequestUrl() {}

    /** The normalized form of {@code url}, or empty if it is not an absolute http(s) URL of at most 2048 chars. */
    static Optional<String> normalize(String url) {
        if (url.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url).normalize();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        if (defaultPort < 0 || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String port = uri.getPort() < 0 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + normalizePercents(path));
    }

    private static String normalizePercents(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                char decoded = (char) Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (isUnreserved(decoded)) {
                    out.append(decoded);
                } else {
                    out.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || UNRESERVED_PUNCTUATION.indexOf(c) >= 0;
    }
}
