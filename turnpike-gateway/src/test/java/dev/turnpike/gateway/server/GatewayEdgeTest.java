package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.config.Cidr;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.pipeline.TrustedProxies;
import dev.turnpike.gateway.ratelimit.RateLimit;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gateways with other settings: rate limits, trusted proxies, a failing Lightning backend, TLS, HTTP/2 off, each transport. */
class GatewayEdgeTest {

    static L402Fixture l402;
    static TestUpstream upstream;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
    }

    @AfterAll
    static void tearDown() {
        upstream.close();
        l402.close();
    }

    static Gateway.Builder gateway() {
        return Gateway.builder(pipeline());
    }

    static Pipeline.Builder pipeline() {
        return pipeline(l402, upstream);
    }

    /** A pipeline with a paid {@code quotes} and an open {@code open} service. */
    static Pipeline.Builder pipeline(L402Fixture l402, TestUpstream upstream) {
        return Pipeline.builder()
                .routes(new RouteTable(List.of(GatewayTest.route("quotes", upstream.url(), GatewayTest.PAID),
                        GatewayTest.route("open", upstream.url(), new AuthPolicy.None()))))
                .verifier(l402.verifier).minter(l402.minter).revocations(l402.revocations).clock(l402.clock);
    }

    static HttpResponse<String> get(HttpClient c, String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Gets a challenge at {@code url}, pays it, and returns the {@code Authorization} value. */
    static String buyToken(L402Fixture l402, HttpClient c, String url) throws Exception {
        HttpResponse<String> challenge = get(c, url);
        assertThat(challenge.statusCode()).isEqualTo(402);
        Challenge parsed = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(
                challenge.headers().allValues("www-authenticate"))).value();
        return L402Headers.authorizationValue(new Credential(parsed.macaroon(), l402.pay(parsed.invoice())));
    }

    @Test
    void challengesAreRateLimitedPerClientNetworkBehindATrustedProxy() throws Exception {
        try (Gateway g = Gateway.builder(pipeline().challengeLimit(RateLimit.perSecond(0.01, 2))
                        .trustedProxies(TrustedProxies.of(List.of(Cidr.parse("127.0.0.0/8")))))
                .listen(new InetSocketAddress("127.0.0.1", 0)).build()) {
            String base = "http://127.0.0.1:" + g.start().get(0).getPort();
            assertThat(get(client, base + "/quotes/a", "X-Forwarded-For", "10.0.0.1").statusCode()).isEqualTo(402);
            assertThat(get(client, base + "/quotes/a", "X-Forwarded-For", "10.0.0.2").statusCode()).isEqualTo(402);
            HttpResponse<String> limited = get(client, base + "/quotes/a", "X-Forwarded-For", "10.0.0.3");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).isPresent();
            assertThat(limited.headers().firstValue("content-type")).hasValue("application/problem+json");
            // another /24 has its own bucket
            assertThat(get(client, base + "/quotes/a", "X-Forwarded-For", "10.0.1.1").statusCode()).isEqualTo(402);
        }
    }

    @Test
    void paidTrafficIsRateLimitedPerToken() throws Exception {
        try (Gateway g = Gateway.builder(pipeline().paidLimit(RateLimit.perSecond(0.01, 1)))
                .listen(new InetSocketAddress("127.0.0.1", 0)).build()) {
            String base = "http://127.0.0.1:" + g.start().get(0).getPort();
            String auth = buyToken(l402, client, base + "/quotes/a");
            assertThat(get(client, base + "/quotes/a", "Authorization", auth).statusCode()).isEqualTo(200);
            HttpResponse<String> limited = get(client, base + "/quotes/a", "Authorization", auth);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).isPresent();
        }
    }

    @Test
    void aFailingLightningBackendIs503WithRetryAfter() throws Exception {
        try (Gateway g = Gateway.builder(pipeline().minter(l402.minterWith((price, memo) -> {
                    throw new StoreException("connection refused");
                }))).listen(new InetSocketAddress("127.0.0.1", 0)).build()) {
            String base = "http://127.0.0.1:" + g.start().get(0).getPort();
            HttpResponse<String> r = get(client, base + "/quotes/a");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("retry-after")).isPresent();
            assertThat(r.body()).contains("\"status\":503", "Lightning").doesNotContain("connection refused");
        }
    }

    @Test
    void anUpstreamNamedByHostNameIsReached() throws Exception {
        try (Gateway g = Gateway.builder(Pipeline.builder()
                .routes(new RouteTable(List.of(GatewayTest.route("named", "http://localhost:" + upstream.port(),
                        new AuthPolicy.None()))))
                .verifier(l402.verifier).minter(l402.minter).clock(l402.clock))
                .listen(new InetSocketAddress("127.0.0.1", 0)).build()) {
            String base = "http://127.0.0.1:" + g.start().get(0).getPort();
            HttpResponse<String> r = get(client, base + "/named/by-name");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("GET /named/by-name");
        }
    }

    @Test
    void h2AndHttp11OverTlsWithALPN() throws Exception {
        X509Bundle cert = localhostCertificate();
        try (Gateway g = gateway()
                .listenTls(new InetSocketAddress("127.0.0.1", 0),
                        GatewayTls.of(cert.getKeyPair().getPrivate(), cert.getCertificate())).build()) {
            String base = "https://localhost:" + g.start().get(0).getPort();
            SSLContext ssl = trusting(cert);
            for (HttpClient.Version v : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
                HttpClient c = HttpClient.newBuilder().sslContext(ssl).version(v).build();
                HttpResponse<String> r = get(c, base + "/open/tls");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.version()).isEqualTo(v);
                assertThat(r.body()).isEqualTo("GET /open/tls");
                upstream.seen.clear();
                get(c, base + "/open/tls");
                assertThat(upstream.seen.poll().header("x-forwarded-proto")).isEqualTo("https");
            }
        }
    }

    @Test
    void withHttp2OffBothListenersSpeakOnlyHttp11() throws Exception {
        X509Bundle cert = localhostCertificate();
        try (Gateway g = gateway().http2(false)
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .listenTls(new InetSocketAddress("127.0.0.1", 0),
                        GatewayTls.of(cert.getKeyPair().getPrivate(), cert.getCertificate())).build()) {
            List<InetSocketAddress> bound = g.start();
            // the client asks for h2: by Upgrade on the plain listener, by ALPN on the TLS one
            HttpClient h2 = HttpClient.newBuilder().sslContext(trusting(cert)).version(HttpClient.Version.HTTP_2).build();
            for (String base : List.of("http://127.0.0.1:" + bound.get(0).getPort(),
                    "https://localhost:" + bound.get(1).getPort())) {
                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> r = get(h2, base + "/open/h1");
                    assertThat(r.statusCode()).as(base).isEqualTo(200);
                    assertThat(r.version()).as(base).isEqualTo(HttpClient.Version.HTTP_1_1);
                    assertThat(r.body()).isEqualTo("GET /open/h1");
                }
            }
        }
    }

    static X509Bundle localhostCertificate() throws Exception {
        return new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
    }

    static SSLContext trusting(X509Bundle cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", cert.getCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /** The socket layers usable here: the rest of the suite runs on {@link Transport#best()} only. */
    static List<Transport> transports() {
        List<Transport> usable = new ArrayList<>(List.of(Transport.NIO));
        if (Epoll.isAvailable()) {
            usable.add(Transport.EPOLL);
        }
        if (IoUring.isAvailable()) {
            usable.add(Transport.IO_URING);
        }
        return usable;
    }

    @ParameterizedTest
    @MethodSource("transports")
    void paidRequestsBodiesBothWaysAndH2c(Transport transport) throws Exception {
        try (Gateway g = gateway().transport(transport).ioThreads(2)
                .listen(new InetSocketAddress("127.0.0.1", 0)).build()) {
            String base = "http://127.0.0.1:" + g.start().get(0).getPort();
            HttpClient h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            String auth = buyToken(l402, h1, base + "/quotes/a");
            // concurrent paid requests: several upstream connections, each flushed after its event-loop batch
            List<CompletableFuture<HttpResponse<String>>> paid = IntStream.range(0, 32)
                    .mapToObj(i -> h1.sendAsync(HttpRequest.newBuilder(URI.create(base + "/quotes/p" + i))
                            .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            for (int i = 0; i < paid.size(); i++) {
                assertThat(paid.get(i).get().statusCode()).isEqualTo(200);
                assertThat(paid.get(i).get().body()).isEqualTo("GET /quotes/p" + i);
            }

            byte[] upload = new byte[3 * 1024 * 1024 + 7];
            HttpResponse<String> posted = h1.send(HttpRequest.newBuilder(URI.create(base + "/open/upload"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.body()).isEqualTo("received " + upload.length);

            HttpResponse<InputStream> big = h1.send(HttpRequest.newBuilder(URI.create(base + "/open/big?n=5242880"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = big.body()) {
                assertThat(in.readAllBytes()).hasSize(5242880);
            }

            HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> upgraded = get(h2, base + "/open/h2c");
            assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(upgraded.body()).isEqualTo("GET /open/h2c");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void closingTheGatewayClosesKeptAliveConnections(Transport transport) throws Exception {
        Gateway g = gateway().transport(transport)
                .listen(new InetSocketAddress("127.0.0.1", 0)).build();
        try (Socket socket = new Socket("127.0.0.1", g.start().get(0).getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /open/kept HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            g.close();
            // the rest of the response, then the end of the stream: not a read that waits for ever
            assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).endsWith("GET /open/kept");
        } finally {
            g.close();
        }
    }
}
