package dev.turnpike.gateway.server;

/**
 * Bounds on what a client may send: the request line, all header bytes (HTTP/1 header block, HTTP/2
 * header list) and a body chunk's size in memory.
 */
public record ServerLimits(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {

    public static final ServerLimits DEFAULT = new ServerLimits(8 * 1024, 16 * 1024, 64 * 1024);

    public ServerLimits {
        if (maxInitialLineLength < 256 || maxHeaderSize < 1024 || maxChunkSize < 1024) {
            throw new IllegalArgumentException("server limits too small");
        }
    }
}
