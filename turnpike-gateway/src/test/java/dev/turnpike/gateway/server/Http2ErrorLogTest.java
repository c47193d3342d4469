package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.turnpike.gateway.metrics.GatewayMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A client that sends malformed HTTP/2 cannot flood the log: its connection is closed and counted, and the log
 * gets at most one line a minute, without a stack trace (before: a 3 KB warning with a stack trace each time).
 */
class Http2ErrorLogTest {

    private static final int CONNECTIONS = 5;

    @Test
    void malformedHttp2ConnectionsAreCountedAndLoggedOnceWithoutStackTraces() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        GatewayMetrics metrics = GatewayMetrics.create();
        try (EdgeGateway edge = EdgeGateway.start(gw -> gw.metrics(metrics))) {
            String base = edge.base();
            for (int i = 0; i < CONNECTIONS; i++) {
                sendMalformedHttp2(base);
            }
            assertThat(RawHttp.exchange(base, "GET /open/x HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
        } finally {
            root.detachAppender(events);
        }
        assertThat(metrics.clientProtocolErrors().count()).isEqualTo(CONNECTIONS);
        assertThat(events.list).noneMatch(e -> e.getThrowableProxy() != null);
        assertThat(events.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).hasSize(1)
                .allMatch(e -> e.getFormattedMessage().startsWith("a client connection failed (0 more"));
    }

    /** The preface, then a SETTINGS frame whose length is not a multiple of 6 (a connection error). */
    private static void sendMalformedHttp2(String base) throws IOException {
        URI uri = URI.create(base);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(3000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 5, 4, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5});
            s.getOutputStream().write(out.toByteArray());
            s.getInputStream().readAllBytes(); // returns when the gateway closes the connection
        }
    }
}
