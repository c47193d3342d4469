package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.config.Cidr;
import dev.turnpike.gateway.metrics.GatewayMetrics;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.pipeline.TrustedProxies;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** One client network cannot hold more than its share of connections; trusted proxies are not counted. */
class ConnectionsPerNetworkTest {

    private static final int MAX = 3;

    private static EdgeGateway start(UnaryOperator<Pipeline.Builder> pipeline, GatewayMetrics metrics)
            throws Exception {
        return EdgeGateway.start(pipeline, gw -> gw.metrics(metrics)
                .limits(ServerLimits.DEFAULT.withClientConnections(ServerLimits.DEFAULT.headerTimeout(),
                        ServerLimits.DEFAULT.bodyIdleTimeout(), ServerLimits.DEFAULT.keepAliveTimeout(), MAX)));
    }

    /** Whether the gateway still serves on {@code s}: a request answered, or closed as accepted. */
    private static boolean served(Socket s) throws IOException {
        s.setSoTimeout(3000);
        try {
            s.getOutputStream().write("GET /open/x HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] head = new byte[12];
            int n = s.getInputStream().readNBytes(head, 0, head.length);
            return n == head.length && new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("neither answered nor closed", e);
        } catch (IOException reset) {
            return false;
        }
    }

    @Test
    void aNetworkOverItsCapIsRefusedUntilOneOfItsConnectionsCloses() throws Exception {
        GatewayMetrics metrics = GatewayMetrics.create();
        List<Socket> open = new ArrayList<>();
        try (EdgeGateway g = start(UnaryOperator.identity(), metrics)) {
            int port = g.port;
            for (int i = 0; i < MAX; i++) {
                open.add(new Socket("127.0.0.1", port));
                assertThat(served(open.get(i))).as("connection %d", i).isTrue();
            }
            try (Socket over = new Socket("127.0.0.1", port)) {
                assertThat(served(over)).isFalse();
            }
            assertThat(metrics.refusedConnections().count()).isEqualTo(1);

            open.remove(0).close();
            Thread.sleep(200); // the gateway sees the close
            try (Socket again = new Socket("127.0.0.1", port)) {
                assertThat(served(again)).isTrue();
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    @Test
    void aTrustedProxyIsNotCapped() throws Exception {
        GatewayMetrics metrics = GatewayMetrics.create();
        List<Socket> open = new ArrayList<>();
        try (EdgeGateway g = start(p -> p.trustedProxies(TrustedProxies.of(List.of(Cidr.parse("127.0.0.1")))),
                metrics)) {
            int port = g.port;
            for (int i = 0; i < MAX + 2; i++) {
                open.add(new Socket("127.0.0.1", port));
                assertThat(served(open.get(i))).as("connection %d", i).isTrue();
            }
            assertThat(metrics.refusedConnections().count()).isZero();
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
