package dev.turnpike.client.token;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a token is valid: scheme, host and port of a URL (RFC 6454), with the scheme's default port filled in.
 * Tokens are kept per origin, as browsers keep credentials.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host   the host, lower case (an IPv6 literal keeps its brackets)
 * @param port   the port, never -1
 */
public record Origin(String scheme, String host, int port) {

    public Origin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs have an origin here, not " + scheme);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The origin of an absolute http(s) URL. @throws IllegalArgumentException for other URLs */
    public static Origin of(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == -1) {
            port = scheme.equals("https") ? 443 : 80;
        }
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    /**
     * A file name for this origin's token: {@code scheme_host_port}, every character other than
     * {@code a-z 0-9 . -} written as {@code %XX}, so two origins never share a file.
     */
    public String fileName() {
        StringBuilder sb = new StringBuilder(scheme).append('_');
        for (char c : host.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", (int) c & 0xff));
            }
        }
        return sb.append('_').append(port).toString();
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
