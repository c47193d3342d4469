package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.api.AdminApi;
import dev.turnpike.gateway.api.AdminSecret;
import dev.turnpike.gateway.api.InMemoryLedger;
import dev.turnpike.lightning.node.NodeHealth;
import io.netty.pkitesting.X509Bundle;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin listener over real loopback HTTP: plain, it answers only requests for a loopback name or address
 * (a page on a DNS-rebound name must not read {@code /metrics}); over TLS it serves any name its certificate does.
 */
class AdminListenerTest {

    @TempDir
    static Path dir;

    static L402Fixture l402;
    static TestUpstream upstream;
    static AdminApi api;

    @BeforeAll
    static void setUp() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
        api = new AdminApi(new InMemoryLedger(), l402.revocations,
                AdminSecret.loadOrCreate(dir.resolve("admin.secret"), l402.random), () -> "# metrics\n",
                () -> new NodeHealth(NodeHealth.Status.UP, l402.clock.instant(), ""), l402.clock);
    }

    @AfterAll
    static void tearDown() {
        upstream.close();
        l402.close();
    }

    private static Gateway.Builder gateway() {
        return Gateway.builder(GatewayEdgeTest.pipeline(l402, upstream)).listen(new InetSocketAddress("127.0.0.1", 0))
                .admin(new InetSocketAddress("127.0.0.1", 0), api);
    }

    private static String get(String base, String path, String host) throws Exception {
        return RawHttp.exchange(base, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost:8403", "127.0.0.1", "127.0.0.1:1", "127.9.8.7:8403", "[::1]",
        "[::1]:8403", "[0:0:0:0:0:0:0:1]:8403"})
    void plainItAnswersLoopbackHostNames(String host) throws Exception {
        try (Gateway g = gateway().build()) {
            g.start();
            String base = "http://127.0.0.1:" + g.adminAddress().orElseThrow().getPort();
            assertThat(get(base, "/metrics", host)).startsWith("HTTP/1.1 200 ").endsWith("# metrics\n");
            assertThat(get(base, "/healthz", host)).startsWith("HTTP/1.1 200 ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker.example", "attacker.example:8403", "127.0.0.1.nip.io", "localhost.attacker.example",
        "10.0.0.5:8403", "0.0.0.0", "[::2]:8403", "[::ffff:127.0.0.1]", "127.1"})
    void plainItRefusesEveryOtherHostWith421(String host) throws Exception {
        try (Gateway g = gateway().build()) {
            g.start();
            String base = "http://127.0.0.1:" + g.adminAddress().orElseThrow().getPort();
            for (String path : new String[] {"/metrics", "/healthz", "/api/tokens"}) {
                String answer = get(base, path, host);
                assertThat(answer).as(path).startsWith("HTTP/1.1 421 ")
                        .contains("content-type: application/problem+json")
                        .contains("\"status\":421").doesNotContain("# metrics");
            }
            // HTTP/1.0 without any Host
            assertThat(RawHttp.exchange(base, "GET /metrics HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 421 ");
        }
    }

    @Test
    void theMainListenerIsNotRestrictedToLoopbackNames() throws Exception {
        try (Gateway g = gateway().build()) {
            String base = "http://127.0.0.1:" + g.start().get(0).getPort();
            assertThat(get(base, "/open/x", "api.example.com")).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void overTlsItServesWithTheCertificateAndAnyHost() throws Exception {
        X509Bundle cert = GatewayEdgeTest.localhostCertificate();
        try (Gateway g = gateway()
                .adminTls(GatewayTls.of(cert.getKeyPair().getPrivate(), cert.getCertificate())).build()) {
            g.start();
            URI admin = URI.create("https://localhost:" + g.adminAddress().orElseThrow().getPort());
            for (HttpClient.Version v : new HttpClient.Version[] {HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1}) {
                HttpClient https = HttpClient.newBuilder().sslContext(GatewayEdgeTest.trusting(cert)).version(v).build();
                HttpResponse<String> metrics = https.send(HttpRequest.newBuilder(admin.resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.version()).isEqualTo(v);
                assertThat(metrics.body()).isEqualTo("# metrics\n");
                assertThat(metrics.headers().firstValue("strict-transport-security")).hasValue(Gateway.DEFAULT_HSTS);
            }
            // the name of a rebinding page would fail the certificate check; a client that checks it gets an answer
            String raw = TlsHardeningTest.exchange(GatewayEdgeTest.trusting(cert), admin.getPort(), "TLSv1.3",
                    "GET /healthz HTTP/1.1\r\nHost: admin.example.com\r\n\r\n");
            assertThat(raw).startsWith("HTTP/1.1 200 ");
        }
    }
}
