package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 floods over a raw socket: a rapid reset (a stream opened and cancelled at once, over and over) ends with a
 * GOAWAY and a closed connection, and the server announces a cap on concurrent streams. A normal request still
 * works afterwards.
 */
class Http2FloodTest {

    private static final int SETTINGS = 4;
    private static final int GOAWAY = 7;
    private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 3;

    static EdgeGateway edge;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        edge = EdgeGateway.start(UnaryOperator.identity());
        port = edge.port;
    }

    @AfterAll
    static void stop() {
        edge.close();
    }

    private record Frame(int type, int flags, int stream, byte[] payload) {}

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >> 16), (byte) (payload.length >> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >> 24), (byte) (stream >> 16), (byte) (stream >> 8),
                (byte) stream});
        out.write(payload);
    }

    /** The frames the server sends until it closes the connection (or 10 s pass). */
    private static List<Frame> framesUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        List<Frame> frames = new ArrayList<>();
        try {
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                frames.add(new Frame(type, flags, stream, payload));
            }
        } catch (EOFException | java.net.SocketException closed) {
            return frames;
        }
    }

    @Test
    void aRapidResetFloodEndsWithGoAwayAndAClosedConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            frame(out, SETTINGS, 0, 0, new byte[0]);
            byte[] getSlash = {(byte) 0x82, (byte) 0x84, (byte) 0x86}; // HPACK: :method GET, :path /, :scheme http
            byte[] cancel = {0, 0, 0, 8};
            for (int stream = 1; stream < 2 * 1000; stream += 2) {
                frame(out, 1, 0x4 | 0x1, stream, getSlash); // HEADERS, END_HEADERS | END_STREAM
                frame(out, 3, 0, stream, cancel);           // RST_STREAM, CANCEL
            }
            try {
                s.getOutputStream().write(out.toByteArray());
            } catch (IOException closedWhileWriting) {
                // the server gave up on the connection before reading all of it: what it sent is still readable
            }
            List<Frame> frames = framesUntilClosed(s);
            assertThat(frames).extracting(Frame::type).contains(GOAWAY);
        }
        assertThat(RawHttp.exchange("http://127.0.0.1:" + port, "GET /open/x HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void theServerCapsConcurrentStreams() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            frame(out, SETTINGS, 0, 0, new byte[0]);
            s.getOutputStream().write(out.toByteArray());
            s.setSoTimeout(5000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
            assertThat(in.readUnsignedByte()).as("the server's first frame").isEqualTo(SETTINGS);
            in.readUnsignedByte();
            in.readInt();
            Long maxStreams = null;
            for (int i = 0; i < length / 6; i++) {
                int id = in.readUnsignedShort();
                long value = in.readInt() & 0xffffffffL;
                if (id == SETTINGS_MAX_CONCURRENT_STREAMS) {
                    maxStreams = value;
                }
            }
            assertThat(maxStreams).isNotNull().isBetween(1L, 256L);
        }
    }
}
