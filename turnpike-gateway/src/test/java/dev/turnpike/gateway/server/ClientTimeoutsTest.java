package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops sending does not hold its connection: idle, a head that never ends (slowloris), a body that
 * stops, a kept-alive connection left unused, an idle HTTP/2 connection. An answer that takes long (an event
 * stream) is not cut. Deadlines of 1 s here; each test gives 5 s before it calls the connection left open.
 */
class ClientTimeoutsTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    static EdgeGateway edge;
    static TestUpstream upstream;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        edge = EdgeGateway.start(gw -> gw.limits(
                ServerLimits.DEFAULT.withClientConnections(ONE_SECOND, ONE_SECOND, ONE_SECOND, 256)));
        upstream = edge.upstream;
        port = edge.port;
    }

    @AfterAll
    static void stop() {
        edge.close();
    }

    /** Reads until the gateway closes; fails if it is still open after 5 s. */
    private static String readUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(5000);
        try {
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open after 5 s", e);
        }
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            assertThat(readUntilClosed(s)).isEmpty();
        }
    }

    @Test
    void aHeadThatNeverEndsGets408EvenIfBytesKeepComing() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, "GET /open/slow HTTP/1.1\r\nHost: x\r\n");
            long start = System.nanoTime();
            try {
                for (int i = 0; i < 20; i++) { // a header byte every 250 ms: never silent for a second
                    Thread.sleep(250);
                    send(s, "X");
                }
            } catch (IOException closed) {
                // the gateway closed the connection: what it answered is still to be read
            }
            String answer = readUntilClosed(s);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
        assertThat(upstream.seen).noneMatch(seen -> seen.uri().equals("/open/slow"));
    }

    @Test
    void aBodyThatStopsGets408AndNeverCompletesUpstream() throws Exception {
        upstream.uploads.clear();
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, "POST /open/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
            assertThat(readUntilClosed(s)).startsWith("HTTP/1.1 408");
        }
        assertThat(upstream.uploads.poll(5, TimeUnit.SECONDS)).startsWith("broken after");
    }

    @Test
    void aKeptAliveConnectionLeftUnusedIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, "GET /open/x HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(readUntilClosed(s)).startsWith("HTTP/1.1 200").doesNotContain("408");
        }
    }

    @Test
    void aLongAnswerIsNotCut() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, "GET /open/sse HTTP/1.1\r\nHost: x\r\n\r\n");
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("data: first")) {
                seen.append((char) in.read());
            }
            Thread.sleep(2500); // past every deadline, with the answer still going
            upstream.sseMayFinish.countDown();
            while (!seen.toString().contains("data: second")) {
                int c = in.read();
                assertThat(c).as("the stream was cut: " + seen).isNotNegative();
                seen.append((char) c);
            }
        }
    }

    @Test
    void anIdleHttp2ConnectionIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            s.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            s.getOutputStream().flush();
            readUntilClosed(s); // the server's SETTINGS and its ack, then the close
        }
    }
}
