package dev.turnpike.gateway.route;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a service's requests go. {@code http} and {@code https} speak HTTP/1.1 (https with the
 * certificate verified against the JDK's trust store, or {@code trustedCertificate} when set);
 * {@code h2c} speaks HTTP/2 in clear text with prior knowledge (gRPC upstreams).
 * {@code basePath} ("" or "/prefix") is put before the request path.
 */
public record Upstream(Scheme scheme, String host, int port, String basePath, Path trustedCertificate) {

    public enum Scheme { HTTP, HTTPS, H2C }

    public Upstream {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        basePath = basePath == null || basePath.equals("/") ? "" : basePath;
        if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
            throw new IllegalArgumentException("base path must start and not end with '/': " + basePath);
        }
    }

    /** Parses {@code http://host:port/base}, {@code https://…}, {@code h2c://…}; default ports 80/443/80. */
    public static Upstream parse(String uri) {
        URI u = URI.create(uri);
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("upstream must be scheme://host[:port][/base]: " + uri);
        }
        Scheme scheme = switch (u.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> Scheme.HTTP;
            case "https" -> Scheme.HTTPS;
            case "h2c" -> Scheme.H2C;
            default -> throw new IllegalArgumentException("upstream scheme must be http, https or h2c: " + uri);
        };
        if (u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null) {
            throw new IllegalArgumentException("upstream must not have user info, query or fragment: " + uri);
        }
        int port = u.getPort() != -1 ? u.getPort() : scheme == Scheme.HTTPS ? 443 : 80;
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        return new Upstream(scheme, u.getHost(), port, path.endsWith("/") ? path.substring(0, path.length() - 1) : path, null);
    }
}
