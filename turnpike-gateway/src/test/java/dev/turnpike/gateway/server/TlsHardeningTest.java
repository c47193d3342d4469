package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS over real loopback connections: HSTS on every HTTPS answer, and no client-initiated renegotiation. */
class TlsHardeningTest {

    private static final String OPEN = "GET /open/tls HTTP/1.1\r\nHost: localhost\r\n\r\n";

    static L402Fixture l402;
    static TestUpstream upstream;
    static X509Bundle cert;
    static SSLContext trusting;

    @BeforeAll
    static void setUp() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
        cert = GatewayEdgeTest.localhostCertificate();
        trusting = GatewayEdgeTest.trusting(cert);
    }

    @AfterAll
    static void tearDown() {
        upstream.close();
        l402.close();
    }

    /** A gateway with a plain listener (first) and a TLS one (second). */
    private static Gateway.Builder gateway() {
        return Gateway.builder(GatewayEdgeTest.pipeline(l402, upstream))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .listenTls(new InetSocketAddress("127.0.0.1", 0),
                        GatewayTls.of(cert.getKeyPair().getPrivate(), cert.getCertificate()));
    }

    /** Sends {@code request} on a new TLS connection of {@code protocol} and returns the answer. */
    static String exchange(SSLContext ssl, int port, String protocol, String request) throws IOException {
        try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("localhost", port)) {
            s.setEnabledProtocols(new String[] {protocol});
            return RawHttp.exchange(s, request);
        }
    }

    @Test
    void everyHttpsAnswerCarriesStrictTransportSecurityAndNoPlainOneDoes() throws Exception {
        try (Gateway g = gateway().build()) {
            List<InetSocketAddress> bound = g.start();
            String https = "https://localhost:" + bound.get(1).getPort();
            for (HttpClient.Version v : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
                HttpClient c = HttpClient.newBuilder().sslContext(trusting).version(v).build();
                // proxied from the upstream, a challenge, and the gateway's own 404
                for (String path : List.of("/open/a", "/quotes/a", "/nowhere")) {
                    HttpResponse<String> r = GatewayEdgeTest.get(c, https + path);
                    assertThat(r.version()).isEqualTo(v);
                    assertThat(r.headers().allValues("strict-transport-security")).as(v + " " + path + " " + r.statusCode())
                            .containsExactly("max-age=31536000");
                }
            }
            // a request the gateway refuses before any stage sees it
            assertThat(exchange(trusting, bound.get(1).getPort(), "TLSv1.3", "GET /a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n"))
                    .startsWith("HTTP/1.1 400 ").contains("strict-transport-security: max-age=31536000");
            HttpResponse<String> plain = GatewayEdgeTest.get(GatewayEdgeTest.client,
                    "http://127.0.0.1:" + bound.get(0).getPort() + "/open/a");
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.headers().firstValue("strict-transport-security")).isEmpty();
        }
    }

    @Test
    void strictTransportSecurityFollowsItsSettingOrIsOff() throws Exception {
        try (Gateway g = gateway().strictTransportSecurity("max-age=60; includeSubDomains").build()) {
            int port = g.start().get(1).getPort();
            assertThat(exchange(trusting, port, "TLSv1.2", OPEN)).startsWith("HTTP/1.1 200 ")
                    .contains("strict-transport-security: max-age=60; includeSubDomains");
        }
        try (Gateway g = gateway().strictTransportSecurity(null).build()) {
            int port = g.start().get(1).getPort();
            assertThat(exchange(trusting, port, "TLSv1.3", OPEN)).startsWith("HTTP/1.1 200 ")
                    .doesNotContainIgnoringCase("strict-transport-security");
        }
    }

    @Test
    void aClientsRenegotiationOnTls12IsRefusedAndTheGatewayServesOn() throws Exception {
        try (Gateway g = gateway().build()) {
            int port = g.start().get(1).getPort();
            try (SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", port)) {
                s.setEnabledProtocols(new String[] {"TLSv1.2"});
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
                assertThat(RawHttp.exchange(s, OPEN)).startsWith("HTTP/1.1 200 ");
                String afterRenegotiation;
                try {
                    s.startHandshake(); // on TLS 1.2: a new ClientHello on the established connection
                    afterRenegotiation = RawHttp.exchange(s, OPEN);
                } catch (IOException closed) {
                    afterRenegotiation = "";
                }
                assertThat(afterRenegotiation).as("closed without an answer").isEmpty();
            }
            assertThat(exchange(trusting, port, "TLSv1.2", OPEN)).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void tls13KeyUpdatesAndRepeatedRequestsAreNotTakenForRenegotiation() throws Exception {
        try (Gateway g = gateway().build()) {
            int port = g.start().get(1).getPort();
            try (SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", port)) {
                s.setEnabledProtocols(new String[] {"TLSv1.3"});
                s.startHandshake();
                assertThat(RawHttp.exchange(s, OPEN)).startsWith("HTTP/1.1 200 ");
                s.startHandshake(); // on TLS 1.3: a KeyUpdate
                for (int i = 0; i < 3; i++) {
                    assertThat(RawHttp.exchange(s, OPEN)).startsWith("HTTP/1.1 200 ");
                }
            }
            try (SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", port)) {
                s.setEnabledProtocols(new String[] {"TLSv1.2"});
                for (int i = 0; i < 3; i++) {
                    assertThat(RawHttp.exchange(s, OPEN)).startsWith("HTTP/1.1 200 ");
                }
            }
        }
    }
}
