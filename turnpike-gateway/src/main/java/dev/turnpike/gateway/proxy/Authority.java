package dev.turnpike.gateway.proxy;

/** The Host header for an upstream: host, brackets for IPv6, the port unless it is the scheme's default. */
final class Authority {
    private Authority() {}

    static String of(String host, int port, int defaultPort) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == defaultPort ? h : h + ":" + port;
    }
}
