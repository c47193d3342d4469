package dev.turnpike.gateway.server;

import java.time.Duration;

/**
 * Bounds on what a client may send and how long it may take: the request line, all header bytes (HTTP/1 header
 * block, HTTP/2 header list), a body chunk's size in memory, the deadlines of {@link ClientTimeouts}, and how many
 * connections one client network may hold open ({@link ConnectionsPerNetwork}).
 */
public record ServerLimits(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize,
        Duration headerTimeout, Duration bodyIdleTimeout, Duration keepAliveTimeout, int maxConnectionsPerNetwork) {

    /**
     * 8 KiB line, 16 KiB headers, 64 KiB chunks; a head within 10 s, a body never silent 30 s, 60 s idle; 256
     * connections per client network.
     */
    public static final ServerLimits DEFAULT = new ServerLimits(8 * 1024, 16 * 1024, 64 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 256);

    public ServerLimits {
        if (maxInitialLineLength < 256 || maxHeaderSize < 1024 || maxChunkSize < 1024) {
            throw new IllegalArgumentException("server limits too small");
        }
        for (Duration d : new Duration[] {headerTimeout, bodyIdleTimeout, keepAliveTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("client timeouts must be positive");
            }
        }
        if (maxConnectionsPerNetwork < 1) {
            throw new IllegalArgumentException("at least one connection per client network");
        }
    }

    /** These limits with other client deadlines and another cap on connections per client network. */
    public ServerLimits withClientConnections(Duration header, Duration bodyIdle, Duration keepAlive,
            int maxPerNetwork) {
        return new ServerLimits(maxInitialLineLength, maxHeaderSize, maxChunkSize, header, bodyIdle, keepAlive,
                maxPerNetwork);
    }
}
