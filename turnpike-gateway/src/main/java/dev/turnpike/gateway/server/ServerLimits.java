package dev.turnpike.gateway.server;

import java.time.Duration;

/**
 * Bounds on what a client may send and how long it may take: the request line, all header bytes (HTTP/1 header
 * block, HTTP/2 header list), a body chunk's size in memory, and the deadlines of {@link ClientTimeouts}.
 */
public record ServerLimits(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize,
        Duration headerTimeout, Duration bodyIdleTimeout, Duration keepAliveTimeout) {

    /** 8 KiB line, 16 KiB headers, 64 KiB chunks; a head within 10 s, a body never silent 30 s, 60 s idle. */
    public static final ServerLimits DEFAULT = new ServerLimits(8 * 1024, 16 * 1024, 64 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public ServerLimits {
        if (maxInitialLineLength < 256 || maxHeaderSize < 1024 || maxChunkSize < 1024) {
            throw new IllegalArgumentException("server limits too small");
        }
        for (Duration d : new Duration[] {headerTimeout, bodyIdleTimeout, keepAliveTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("client timeouts must be positive");
            }
        }
    }

    /** These limits with other client deadlines. */
    public ServerLimits withTimeouts(Duration header, Duration bodyIdle, Duration keepAlive) {
        return new ServerLimits(maxInitialLineLength, maxHeaderSize, maxChunkSize, header, bodyIdle, keepAlive);
    }
}
