package dev.turnpike.gateway.config;

import java.time.Duration;

/**
 * {@code client_connections}: how long a client connection may take and how many one client network may hold.
 *
 * @param headerTimeout    a request head must arrive within this from its first byte
 * @param bodyIdleTimeout  a request body may not be silent longer than this
 * @param idleTimeout      a connection with no request in progress is closed after this
 * @param maxPerNetwork    open connections per client network (the challenge rate limit's /24 and /48 prefixes);
 *                         trusted proxies are not counted
 */
public record ClientConnections(Duration headerTimeout, Duration bodyIdleTimeout, Duration idleTimeout,
        int maxPerNetwork) {

    public static final ClientConnections DEFAULT = new ClientConnections(Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), 256);
}
