package dev.turnpike.nodes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnpike.lightning.node.NodeHealth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared transport against a plain HTTP server on loopback. */
class NodeHttpTest {

    private static final NodeDialect DIALECT = new NodeDialect() {
        @Override
        public String nodeName() {
            return "node";
        }

        @Override
        public String errorMessage(NodeResponse response) {
            return Texts.clean(new String(response.body(), StandardCharsets.UTF_8));
        }
    };
    private static final NodeCredential KEY = NodeCredential.of("X-Key", "s3cret-value", "test key");

    private HttpServer server;
    private final AtomicReference<String> seenKey = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String body = "{\"ok\": true}";
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean stall;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            seenKey.set(exchange.getRequestHeaders().getFirst("X-Key"));
            if (stall) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    /** Generous, so a loaded machine does not turn a loopback answer into a timeout. */
    private NodeHttp http() {
        return http(Duration.ofSeconds(10));
    }

    private NodeHttp http(Duration timeout) {
        return NodeHttp.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), KEY, DIALECT)
                .requestTimeout(timeout)
                .maxResponseBytes(1000)
                .build();
    }

    @Test
    void sendsTheCredentialAndReadsJson() throws Exception {
        NodeHttp http = http();
        assertThat(http.getJson("/x", "asking").get("ok").asBoolean()).isTrue();
        assertThat(seenKey.get()).isEqualTo("s3cret-value");
        assertThat(http.health().health().status()).isEqualTo(NodeHealth.Status.UP);
        assertThat(KEY.toString()).doesNotContain("s3cret");
    }

    @Test
    void classifiesAnswersByStatus() {
        NodeHttp http = http();
        status = 401;
        body = "nope";
        assertThatThrownBy(() -> http.getJson("/x", "asking")).isInstanceOf(NodeAuthenticationException.class)
                .hasMessage("node refused the test key (HTTP 401, asking): nope");
        status = 400;
        assertThatThrownBy(() -> http.getJson("/x", "asking")).isInstanceOf(NodeRejectedException.class);
        status = 503;
        assertThatThrownBy(() -> http.getJson("/x", "asking")).isInstanceOf(NodeFailedException.class)
                .hasMessage("node answered HTTP 503 to asking: nope");
        assertThat(http.health().health().status()).isEqualTo(NodeHealth.Status.DOWN);
        status = 200;
        body = "{\"cut";
        assertThatThrownBy(() -> http.getJson("/x", "asking")).isInstanceOf(NodeFailedException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void aBodyAboveTheCapIsNotRead() {
        body = "{\"a\": \"" + "x".repeat(2000) + "\"}";
        assertThatThrownBy(() -> http().get("/x")).isInstanceOf(NodeUnreachableException.class)
                .hasMessageContaining("larger than 1000 bytes");
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeIsUnreachable() {
        stall = true;
        assertThatThrownBy(() -> http(Duration.ofMillis(500)).get("/x")).isInstanceOfSatisfying(NodeUnreachableException.class,
                e -> assertThat(e.requestMayHaveArrived()).isTrue())
                .hasMessageContaining("timed out");
    }

    @Test
    void aRefusedConnectionNeverReachedTheNode() {
        NodeHttp http = http();
        server.stop(0);
        assertThatThrownBy(() -> http.get("/x")).isInstanceOfSatisfying(NodeUnreachableException.class,
                e -> assertThat(e.requestMayHaveArrived()).isFalse())
                .hasMessageContaining("connection refused");
    }

    @Test
    void plainHttpIsAllowedToLoopbackOnly() {
        assertThatThrownBy(() -> NodeHttp.builder(URI.create("http://192.0.2.1:8080"), KEY, DIALECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback only");
        assertThatThrownBy(() -> NodeHttp.builder(URI.create("http://example.com"), KEY, DIALECT))
                .isInstanceOf(IllegalArgumentException.class);
        NodeHttp.builder(URI.create("http://localhost:1"), KEY, DIALECT).build();
        NodeHttp.builder(URI.create("http://[::1]:1"), KEY, DIALECT).build();
    }
}
