package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request targets and Host headers as a hostile client writes them, over raw sockets so they are sent exactly as
 * written: the payment bypass by dot-segments (a paid service whose {@code /quotes/free/.*} paths are free must
 * not let {@code /quotes/free/../secret}, in any spelling, reach the upstream without a token), and the Host rules
 * of RFC 9112 §3.2 (one valid Host; an absolute-form target is routed by its authority).
 */
class RequestTargetTest {

    static L402Fixture l402;
    static TestUpstream upstream;
    static Gateway gateway;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
        gateway = Gateway.builder(Pipeline.builder()
                        .routes(new RouteTable(List.of(GatewayTest.route("quotes", upstream.url(), GatewayTest.PAID),
                                new ServiceRoute("hosted", Pattern.compile("api\\.example"), Pattern.compile("/hosted(/.*)?"),
                                        Upstream.parse(upstream.url()), new AuthPolicy.None(), List.of(), List.of()),
                                new ServiceRoute("readonly", null, Pattern.compile("/readonly(/.*)?"),
                                        Upstream.parse(upstream.url()), new AuthPolicy.None(), List.of(), List.of(),
                                        Set.of("GET")))))
                        .verifier(l402.verifier)
                        .minter(l402.minter)
                        .revocations(l402.revocations)
                        .clock(l402.clock))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .build();
        base = "http://127.0.0.1:" + gateway.start().get(0).getPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        l402.close();
    }

    @BeforeEach
    void clearSeen() {
        upstream.seen.clear();
    }

    private static String get(String target) throws Exception {
        return RawHttp.exchange(base, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/quotes/free/../secret", "/quotes/free/%2e%2e/secret", "/quotes/free/%2E%2E/secret",
        "/quotes/free/./../secret", "/quotes/free/.%2E/secret", "/quotes/free//../../quotes/secret",
        "http://x/quotes/free/../secret",
    })
    void aFreePathCannotLeadToAPaidOne(String target) throws Exception {
        assertThat(get(target)).startsWith("HTTP/1.1 402");
        assertThat(upstream.seen).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "/quotes/free/a/../b, /quotes/free/b",
        "/quotes/free/./x?q=/../y, /quotes/free/x?q=/../y",
        "/quotes/free//%7Ex, /quotes/free/~x",
        "http://x/quotes/free/%41/., /quotes/free/A/",
    })
    void theNormalFormIsWhatTheUpstreamGets(String target, String forwarded) throws Exception {
        assertThat(get(target)).startsWith("HTTP/1.1 200");
        assertThat(upstream.seen.poll().uri()).isEqualTo(forwarded);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/quotes/free/..%2Fsecret", "/quotes/free/..%5Csecret", "/quotes/free/..;/secret", "/quotes/free/%zz",
    })
    void whatCannotBeNormalisedIs400AndNotForwarded(String target) throws Exception {
        String response = get(target);
        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("the path");
        assertThat(upstream.seen).isEmpty();
    }

    private static String send(String requestLineAndHeaders) throws Exception {
        return RawHttp.exchange(base, requestLineAndHeaders + "Connection: close\r\n\r\n");
    }

    @Test
    void anAbsoluteFormTargetIsRoutedByItsAuthorityNotByTheHostHeader() throws Exception {
        assertThat(send("GET http://api.example/hosted/x HTTP/1.1\r\nHost: elsewhere\r\n")).startsWith("HTTP/1.1 200");
        TestUpstream.Seen seen = upstream.seen.poll();
        assertThat(seen.uri()).isEqualTo("/hosted/x");
        assertThat(seen.header("x-forwarded-host")).isEqualTo("api.example");
        assertThat(send("GET http://elsewhere/hosted/x HTTP/1.1\r\nHost: api.example\r\n")).startsWith("HTTP/1.1 404");
        assertThat(send("GET HTTP://API.EXAMPLE:80?q=1 HTTP/1.1\r\nHost: x\r\n")).startsWith("HTTP/1.1 404");
        assertThat(send("GET /hosted/x HTTP/1.1\r\nHost: API.example:8080\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void anHttp10RequestMayLeaveHostOut() throws Exception {
        assertThat(RawHttp.exchange(base, "GET /quotes/free/x HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "GET /quotes/free/x HTTP/1.1\\r\\n| the request has no Host header",
        "GET /quotes/free/x HTTP/1.1\\r\\nHost: x\\r\\nHost: y\\r\\n| the request has more than one Host header",
        "GET /quotes/free/x HTTP/1.1\\r\\nHost: a b/c@d\\r\\n| the Host header is not a host[:port]",
        "GET /quotes/free/x HTTP/1.1\\r\\nHost: user@x\\r\\n| the Host header is not a host[:port]",
        "GET /quotes/free/x HTTP/1.1\\r\\nHost: x:80:80\\r\\n| the Host header is not a host[:port]",
        "GET /quotes/free/x HTTP/1.1\\r\\nHost: [::1\\r\\n| the Host header is not a host[:port]",
        "GET http://u@api.example/hosted/x HTTP/1.1\\r\\nHost: x\\r\\n| the request target's authority is not a host[:port]",
        "GET httpx://api.example/hosted/x HTTP/1.1\\r\\nHost: x\\r\\n| the request target is not a path or an absolute URL",
    })
    void aMissingRepeatedOrInvalidHostIs400AndNotForwarded(String head, String detail) throws Exception {
        String response = send(head.replace("\\r\\n", "\r\n"));
        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json").contains(detail);
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void validHostsPass() throws Exception {
        for (String host : new String[] {"x", "127.0.0.1:8080", "[::1]:80", "[::1]", "a-b.c_d~e", ""}) {
            assertThat(send("GET /quotes/free/x HTTP/1.1\r\nHost: " + host + "\r\n")).as(host).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void anHttpVersionOtherThan1IsRefusedWith505() throws Exception {
        String response = send("GET /quotes/free/x HTTP/9.9\r\nHost: x\r\n");
        assertThat(response).startsWith("HTTP/1.1 505").contains("application/problem+json");
        assertThat(upstream.seen).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "TRACK", "CONNECT"})
    void traceTrackAndConnectAreRefusedWith405(String method) throws Exception {
        String target = method.equals("CONNECT") ? "x:443" : "/quotes/free/x";
        String response = send(method + " " + target + " HTTP/1.1\r\nHost: x\r\n");
        assertThat(response).startsWith("HTTP/1.1 405").contains("application/problem+json")
                .containsIgnoringCase("allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void aServiceServesOnlyTheMethodsItListsWithHeadBesideGetAndOptionsAlways() throws Exception {
        String refused = send("POST /readonly/x HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n");
        assertThat(refused).startsWith("HTTP/1.1 405").contains("application/problem+json").containsIgnoringCase("allow: GET");
        assertThat(send("DELETE /readonly/x HTTP/1.1\r\nHost: x\r\n")).startsWith("HTTP/1.1 405");
        assertThat(upstream.seen).isEmpty();
        assertThat(send("GET /readonly/x HTTP/1.1\r\nHost: x\r\n")).startsWith("HTTP/1.1 200");
        assertThat(send("HEAD /readonly/x HTTP/1.1\r\nHost: x\r\n")).startsWith("HTTP/1.1 200");
        assertThat(send("OPTIONS /readonly/x HTTP/1.1\r\nHost: x\r\n")).startsWith("HTTP/1.1 200");
    }
}
