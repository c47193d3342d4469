package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream TLS is verified (aperture skips it; we do not): an https upstream whose certificate is not trusted, or
 * trusted but for another name, is a 502; with its certificate configured it is reached. An upstream that accepts
 * but never answers is a 504.
 */
class UpstreamTlsAndTimeoutTest {

    static TestUpstream origin;
    static Gateway tlsUpstream;
    static int tlsPort;
    static X509Bundle localhostCert;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        origin = new TestUpstream();
        localhostCert = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        // an https upstream: a gateway on TLS in front of the plain test upstream
        tlsUpstream = Gateway.builder(Pipeline.builder()
                        .routes(new RouteTable(List.of(route("open", "http://127.0.0.1:" + origin.port(), null)))))
                .listenTls(new InetSocketAddress("127.0.0.1", 0),
                        GatewayTls.of(localhostCert.getKeyPair().getPrivate(), localhostCert.getCertificate()))
                .build();
        tlsPort = tlsUpstream.start().get(0).getPort();
    }

    @AfterAll
    static void stop() {
        tlsUpstream.close();
        origin.close();
    }

    static ServiceRoute route(String name, String upstreamUrl, Path trustedCertificate) {
        Upstream u = Upstream.parse(upstreamUrl);
        return new ServiceRoute(name, null, Pattern.compile("/" + name + "(/.*)?"),
                new Upstream(u.scheme(), u.host(), u.port(), u.basePath(), trustedCertificate), new AuthPolicy.None(),
                List.of(), List.of());
    }

    static HttpResponse<String> through(ServiceRoute route, Duration responseTimeout) throws Exception {
        try (Gateway g = Gateway.builder(Pipeline.builder().routes(new RouteTable(List.of(route))))
                .listen(new InetSocketAddress("127.0.0.1", 0)).responseTimeout(responseTimeout).build()) {
            String base = "http://127.0.0.1:" + g.start().get(0).getPort();
            return GatewayEdgeTest.get(client, base + "/open/x");
        }
    }

    static Path pem(Path dir, X509Bundle bundle) throws Exception {
        return Files.writeString(dir.resolve("upstream.pem"), bundle.getCertificatePEM());
    }

    @Test
    void anUntrustedUpstreamCertificateIs502() throws Exception {
        HttpResponse<String> r = through(route("open", "https://localhost:" + tlsPort, null), Duration.ofSeconds(10));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(origin.seen).isEmpty();
    }

    @Test
    void theConfiguredUpstreamCertificateIsTrusted(@TempDir Path dir) throws Exception {
        HttpResponse<String> r = through(route("open", "https://localhost:" + tlsPort, pem(dir, localhostCert)),
                Duration.ofSeconds(10));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("GET /open/x");
        origin.seen.clear();
    }

    @Test
    void aTrustedCertificateForAnotherNameIs502(@TempDir Path dir) throws Exception {
        // the certificate names localhost; the gateway dials 127.0.0.1, which it does not name
        HttpResponse<String> r = through(route("open", "https://127.0.0.1:" + tlsPort, pem(dir, localhostCert)),
                Duration.ofSeconds(10));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(origin.seen).isEmpty();
    }

    @Test
    void anUpstreamThatNeverAnswersIs504() throws Exception {
        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            HttpResponse<String> r = through(route("open", "http://127.0.0.1:" + silent.getLocalPort(), null),
                    Duration.ofMillis(300));
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(r.body()).contains("\"status\":504", "did not answer in time");
            silent.close();
            acceptor.join();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /**
     * The response timer is per upstream connection and re-arms itself: on one kept-alive connection, a request
     * that comes after another and answers within its own deadline passes although the first request's check
     * fires while it waits; a later one that answers too late is a 504.
     */
    @Test
    void theResponseTimerFollowsEachRequestOnAKeptAliveConnection() throws Exception {
        com.sun.net.httpserver.HttpServer slow = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.createContext("/", ex -> {
            try (ex) {
                Thread.sleep(Long.parseLong(ex.getRequestURI().getQuery().substring(3)));
                byte[] body = "late".getBytes();
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        slow.start();
        try (Gateway g = Gateway.builder(Pipeline.builder()
                        .routes(new RouteTable(List.of(route("open", "http://127.0.0.1:" + slow.getAddress().getPort(), null)))))
                .listen(new InetSocketAddress("127.0.0.1", 0)).responseTimeout(Duration.ofMillis(1000)).ioThreads(1)
                .build()) {
            String base = "http://127.0.0.1:" + g.start().get(0).getPort();
            HttpClient one = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThat(GatewayEdgeTest.get(one, base + "/open/a?ms=0").statusCode()).isEqualTo(200);
            Thread.sleep(500); // the first request's check is due at 1000 ms, while the next one waits
            assertThat(GatewayEdgeTest.get(one, base + "/open/b?ms=700").statusCode()).isEqualTo(200);
            assertThat(GatewayEdgeTest.get(one, base + "/open/c?ms=2500").statusCode()).isEqualTo(504);
        } finally {
            slow.stop(0);
        }
    }
}
