package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.route.RouteTable;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The payment bypass by dot-segments: a paid service whose {@code /quotes/free/.*} paths are free must not let
 * {@code /quotes/free/../secret} (in any spelling) reach the upstream without a token. Raw sockets, so the
 * target is sent exactly as written.
 */
class PathNormalisationTest {

    static L402Fixture l402;
    static TestUpstream upstream;
    static Gateway gateway;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
        gateway = Gateway.builder()
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .routes(new RouteTable(List.of(GatewayTest.route("quotes", upstream.url(), GatewayTest.PAID))))
                .verifier(l402.verifier)
                .minter(l402.minter)
                .revocations(l402.revocations)
                .clock(l402.clock)
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
}
