package dev.turnpike.gateway.config;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a listener binds: {@code host:port}, with an IPv6 host in brackets ({@code [::1]:8402}). The host is an
 * IP literal or a DNS name (resolved only when binding); port 0 means any free port (tests).
 *
 * @param host an IPv4 literal, an IPv6 literal without brackets, or a host name (lower case)
 * @param port 0..65535
 */
public record ListenAddress(String host, int port) {

    public ListenAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ListenAddress parse(String text) {
        String t = text.strip();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("must be host:port or [ipv6]:port, was '" + text + "'");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
            if (IpLiteral.parse(host) == null || host.indexOf(':') < 0) {
                throw new IllegalArgumentException("not an IPv6 address in brackets: '" + host + "'");
            }
        } else {
            int colon = t.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("must be host:port (e.g. 127.0.0.1:8402), was '" + text + "'");
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("put an IPv6 address in brackets: [" + host + "]:" + port);
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("missing host in '" + text + "' (0.0.0.0:" + port
                        + " listens on every IPv4 interface)");
            }
            if (looksLikeIpv4(host) ? IpLiteral.parseV4(host) == null : !isHostName(host)) {
                throw new IllegalArgumentException("not an IP address or host name: '" + host + "'");
            }
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("port must be a number from 0 to 65535, was '" + port + "'");
        }
        return new ListenAddress(host.toLowerCase(Locale.ROOT), Integer.parseInt(port));
    }

    /** The address to bind, resolved now (at start): a server socket cannot bind an unresolved address. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    /** Whether the host is {@code localhost}, in {@code 127.0.0.0/8} or {@code ::1}. */
    public boolean isLoopback() {
        return isLoopback(host);
    }

    /**
     * Whether {@code host} (a name or an IP literal, IPv6 without brackets, no port) is {@code localhost} (any case),
     * in {@code 127.0.0.0/8} or {@code ::1}; decided without DNS.
     */
    public static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        byte[] b = IpLiteral.parse(host);
        if (b == null) {
            return false;
        }
        if (b.length == 4) {
            return b[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static boolean looksLikeIpv4(String h) {
        return h.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    }

    static boolean isHostName(String h) {
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        for (String label : h.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }
}
