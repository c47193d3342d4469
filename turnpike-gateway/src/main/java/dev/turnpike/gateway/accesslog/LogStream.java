package dev.turnpike.gateway.accesslog;

import java.io.IOException;

/**
 * The process's log stream ({@code serve}'s stderr), when access lines are to share it with every other log event
 * without a logging framework's cost per line: the access log writes whole lines in its format, in batches.
 */
public interface LogStream {

    /** How lines on the stream look ({@code serve --log-format}). */
    enum Format {
        /** One JSON object per line: {@code time level logger thread message}, then the event's key-values. */
        JSON,
        /** {@code TIME LEVEL logger: message key=value ...}. */
        TEXT
    }

    Format format();

    /** Writes whole lines in one call, which no other writer of the stream interleaves with. */
    void write(byte[] lines, int offset, int length) throws IOException;
}
