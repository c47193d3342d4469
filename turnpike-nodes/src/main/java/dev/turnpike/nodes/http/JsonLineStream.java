package dev.turnpike.nodes.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a newline-delimited JSON stream (lnd's streaming REST endpoints) one bounded line at a time. A stream that
 * ends inside a line was cut: that is reported, never parsed as a truncated object.
 */
public final class JsonLineStream implements AutoCloseable {

    private final InputStream in;
    private final int maxLineBytes;
    private final String source;

    JsonLineStream(InputStream in, int maxLineBytes, String source) {
        this.in = new BufferedInputStream(in);
        this.maxLineBytes = maxLineBytes;
        this.source = source;
    }

    /**
     * The next JSON value; empty when the stream ended cleanly after a complete line. Blocks until a line arrives;
     * closing the stream or interrupting the thread ends the wait with a {@link NodeUnreachableException}.
     *
     * @throws NodeUnreachableException the connection failed or the stream was cut mid-line
     * @throws NodeFailedException a line is not JSON or longer than the limit
     */
    public Optional<JsonNode> next() throws NodeCallException {
        while (true) {
            byte[] line = readLine();
            if (line == null) {
                return Optional.empty();
            }
            if (isBlank(line)) {
                continue;
            }
            try {
                return Optional.of(BoundedJson.read(line));
            } catch (IOException e) {
                throw new NodeFailedException(source + " sent a line that is not JSON: " + Texts.describe(e), e);
            }
        }
    }

    private byte[] readLine() throws NodeCallException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (line.size() > 0) {
                        throw new NodeUnreachableException(source + " was cut in the middle of a line", null, true);
                    }
                    return null;
                }
                if (b == '\n') {
                    return line.toByteArray();
                }
                if (line.size() >= maxLineBytes) {
                    throw new NodeFailedException(source + " sent a line longer than " + maxLineBytes + " bytes", null);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new NodeUnreachableException(source + " broke: " + Texts.describe(e), e, true);
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is going away either way
        }
    }
}
