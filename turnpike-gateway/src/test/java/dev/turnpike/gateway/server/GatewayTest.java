package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.CapabilityRule;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.macaroon.Caveat;
import dev.turnpike.l402.macaroon.Macaroon;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway over real loopback HTTP/1.1, with a real upstream and a real embedded Lightning node. */
class GatewayTest {

    static final AuthPolicy.L402 PAID = new AuthPolicy.L402(Price.sats(10), Duration.ofHours(1), 0,
            List.of("read", "write"), List.of());

    static L402Fixture l402;
    static TestUpstream upstream;
    static Gateway gateway;
    static String base;
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A paid token for the {@code quotes} service. */
    record Token(String authorization, Credential credential, TokenId id) {}

    static ServiceRoute route(String name, String upstreamUrl, AuthPolicy auth) {
        return new ServiceRoute(name, null, Pattern.compile("/" + name + "(/.*)?"), Upstream.parse(upstreamUrl), auth,
                List.of(new CapabilityRule(Set.of("GET"), Pattern.compile("/" + name + "/.*"), "read"),
                        new CapabilityRule(Set.of("POST"), Pattern.compile("/" + name + "/.*"), "write")),
                List.of(Pattern.compile("/" + name + "/free/.*")));
    }

    @BeforeAll
    static void start() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
        gateway = Gateway.builder(Pipeline.builder()
                .routes(new RouteTable(List.of(
                        route("quotes", upstream.url(), PAID),
                        route("other", upstream.url(), PAID),
                        route("open", upstream.url(), new AuthPolicy.None()),
                        route("free", upstream.url(), new AuthPolicy.Freebie(2, PAID)),
                        route("down", "http://127.0.0.1:1", new AuthPolicy.None()))))
                .verifier(l402.verifier)
                .minter(l402.minter)
                .revocations(l402.revocations)
                .clock(l402.clock)
                .challengeLimit(dev.turnpike.gateway.ratelimit.RateLimit.perSecond(100, 1000)))
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
        upstream.uploads.clear();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Token buyToken(String path) throws Exception {
        HttpResponse<String> challenge = get(path);
        assertThat(challenge.statusCode()).isEqualTo(402);
        Challenge c = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(
                challenge.headers().allValues("www-authenticate"))).value();
        Preimage preimage = l402.pay(c.invoice());
        Credential credential = new Credential(c.macaroon(), preimage);
        TokenId id = L402Identifier.decode(c.macaroon().identifier()).tokenId();
        return new Token(L402Headers.authorizationValue(credential), credential, id);
    }

    static String authorization(Macaroon m, Preimage p) {
        return L402Headers.authorizationValue(new Credential(m, p));
    }

    @Test
    void aRequestWithoutTokenGetsAChallengeAndAPaidRetryReachesTheUpstream() throws Exception {
        HttpResponse<String> r = get("/quotes/today");
        assertThat(r.statusCode()).isEqualTo(402);
        List<String> challenges = r.headers().allValues("www-authenticate");
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).startsWith("LSAT macaroon=\"");
        assertThat(challenges.get(1)).startsWith("L402 macaroon=\"");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(r.headers().firstValue("access-control-expose-headers")).hasValue("www-authenticate");
        assertThat(r.body()).contains("\"status\":402", "\"price_sat\":10", "\"service\":\"quotes\"",
                "\"reason\":\"no_token\"", "\"detail\":\"payment required: no token");
        assertThat(upstream.seen).isEmpty();

        Challenge c = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenge(challenges.get(1))).value();
        Preimage preimage = l402.pay(c.invoice());
        String auth = "l402   " + L402Headers.authorizationValue(new Credential(c.macaroon(), preimage)).substring(5);
        HttpResponse<String> paid = get("/quotes/today?x=1", "Authorization", auth, "X-Turnpike-Token-Id", "forged");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).isEqualTo("GET /quotes/today?x=1");
        TestUpstream.Seen seen = upstream.seen.poll();
        assertThat(seen.header("authorization")).isEqualTo(authorization(c.macaroon(), preimage));
        assertThat(seen.header("x-turnpike-token-id"))
                .isEqualTo(L402Identifier.decode(c.macaroon().identifier()).tokenId().toHex());
    }

    @Test
    void theLsatSchemeIsAccepted() throws Exception {
        Token t = buyToken("/quotes/a");
        upstream.seen.clear();
        // twice: verified, then remembered; the upstream gets the normalised value both times
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = get("/quotes/a", "Authorization", "LSAT " + t.authorization().substring(5));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(upstream.seen.poll().header("authorization")).isEqualTo(t.authorization());
        }
    }

    @Test
    void anExpiredTokenGetsAFreshChallengeSayingSo() throws Exception {
        Token t = buyToken("/quotes/a");
        assertThat(get("/quotes/a", "Authorization", t.authorization()).statusCode()).isEqualTo(200); // remembered
        l402.clock.advance(Duration.ofHours(2));
        HttpResponse<String> r = get("/quotes/a", "Authorization", t.authorization());
        assertThat(r.statusCode()).isEqualTo(402);
        assertThat(r.body()).contains("\"reason\":\"expired\"", "the token was refused: expired");
        assertThat(r.headers().allValues("www-authenticate")).hasSize(2);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() throws Exception {
        Token t = buyToken("/quotes/a");
        assertThat(get("/quotes/a", "Authorization", t.authorization()).statusCode()).isEqualTo(200);
        l402.revocations.revoke(t.id());
        HttpResponse<String> r = get("/quotes/a", "Authorization", t.authorization());
        assertThat(r.statusCode()).isEqualTo(402);
        assertThat(r.body()).contains("\"reason\":\"revoked\"");
    }

    @Test
    void refusedTokensGetTheRightReason() throws Exception {
        Token t = buyToken("/quotes/a");
        Macaroon m = t.credential().macaroon();
        List<Caveat> tampered = new ArrayList<>(m.caveats());
        tampered.set(0, Caveat.firstParty("services=quotes:9"));
        Macaroon forged = Macaroon.of(m.location(), m.identifier(), tampered, m.signature());
        assertReason(get("/quotes/a", "Authorization", authorization(forged, t.credential().preimage())), "bad_signature");

        Preimage wrong = Preimage.of(new byte[32]);
        assertReason(get("/quotes/a", "Authorization", authorization(m, wrong)), "wrong_preimage");

        assertReason(get("/other/a", "Authorization", t.authorization()), "service_not_allowed");

        Macaroon readOnly = m.addFirstPartyCaveat("quotes_capabilities=read");
        String readOnlyAuth = authorization(readOnly, t.credential().preimage());
        assertThat(get("/quotes/a", "Authorization", readOnlyAuth).statusCode()).isEqualTo(200);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/quotes/a"))
                .header("Authorization", readOnlyAuth)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertReason(post, "capability_not_allowed");

        assertReason(get("/quotes/a", "Authorization", "L402 !!!:00"), "malformed_credential");
    }

    private static void assertReason(HttpResponse<String> r, String reason) {
        assertThat(r.statusCode()).isEqualTo(402);
        assertThat(r.body()).contains("\"reason\":\"" + reason + "\"");
        assertThat(r.headers().allValues("www-authenticate")).hasSize(2);
    }

    @Test
    void openAndWhitelistedPathsPassAndAClientTokenIdHeaderIsStripped() throws Exception {
        HttpResponse<String> open = get("/open/x", "X-Turnpike-Token-Id", "forged");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(upstream.seen.poll().header("x-turnpike-token-id")).isNull();
        HttpResponse<String> free = get("/quotes/free/x", "X-Turnpike-Token-Id", "forged");
        assertThat(free.statusCode()).isEqualTo(200);
        assertThat(upstream.seen.poll().header("x-turnpike-token-id")).isNull();
    }

    @Test
    void freebiesPassThenTheChallengeComes() throws Exception {
        // a fresh client: a connection reused from another test must not be retried into a second freebie
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/free/a")).timeout(Duration.ofSeconds(10)).build();
        assertThat(fresh.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(fresh.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> third = fresh.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(402);
        assertThat(third.body()).contains("\"service\":\"free\"");
    }

    @Test
    void anUnknownServiceIs404() throws Exception {
        HttpResponse<String> r = get("/nothing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void aDownUpstreamIs502ProblemJson() throws Exception {
        HttpResponse<String> r = get("/down/x");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"status\":502").doesNotContain("Exception");
    }

    @Test
    void aCorsPreflightIsAnsweredForPaidServices() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/quotes/a"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(r.headers().firstValue("access-control-allow-headers")).hasValue("authorization");
    }

    @Test
    void forwardedHeadersAreAddedAndXForwardedForAppended() throws Exception {
        get("/open/x", "X-Forwarded-For", "1.2.3.4");
        TestUpstream.Seen seen = upstream.seen.poll();
        assertThat(seen.header("x-forwarded-for")).isEqualTo("1.2.3.4, 127.0.0.1");
        assertThat(seen.header("x-forwarded-proto")).isEqualTo("http");
        assertThat(seen.header("x-forwarded-host")).startsWith("127.0.0.1:");
        assertThat(seen.header("forwarded")).startsWith("for=127.0.0.1;host=\"127.0.0.1:").endsWith(";proto=http");
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + upstream.port());
    }

    @Test
    void hopByHopHeadersAreNotForwarded() throws Exception {
        String response = RawHttp.exchange(base, "GET /open/hop HTTP/1.1\r\nHost: x\r\n"
                + "Connection: keep-alive, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=5\r\nProxy-Authorization: secret\r\n"
                + "Proxy-Foo: 1\r\nTE: trailers\r\nTrailer: X-T\r\nUpgrade: websocket\r\nX-End: 1\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200");
        TestUpstream.Seen seen = upstream.seen.poll();
        assertThat(seen.headers()).doesNotContainKeys("x-hop", "keep-alive", "proxy-authorization", "proxy-foo",
                "trailer", "upgrade");
        assertThat(seen.header("te")).isEqualTo("trailers");
        assertThat(seen.header("x-end")).isEqualTo("1");
    }

    @Test
    void aClientCannotNameTheGatewaysOwnHeadersAsHopByHop() throws Exception {
        String hostile = "Connection: keep-alive, x-forwarded-for, forwarded, x-forwarded-proto, x-forwarded-host, "
                + "x-turnpike-token-id\r\n";
        assertThat(RawHttp.exchange(base, "GET /open/hop HTTP/1.1\r\nHost: x\r\n" + hostile + "\r\n"))
                .startsWith("HTTP/1.1 200");
        TestUpstream.Seen open = upstream.seen.poll();
        assertThat(open.header("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(open.header("x-forwarded-proto")).isEqualTo("http");
        assertThat(open.header("x-forwarded-host")).isEqualTo("x");
        assertThat(open.header("forwarded")).isEqualTo("for=127.0.0.1;host=\"x\";proto=http");

        Token token = buyToken("/quotes/hop");
        upstream.seen.clear();
        assertThat(RawHttp.exchange(base, "GET /quotes/hop HTTP/1.1\r\nHost: x\r\n" + hostile
                + "Authorization: " + token.authorization() + "\r\n\r\n")).startsWith("HTTP/1.1 200");
        assertThat(upstream.seen.poll().header("x-turnpike-token-id")).isEqualTo(token.id().toHex());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /open/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /open/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "GET /open/x HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET /open/x HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        "GARBAGE\r\n\r\n",
        // request smuggling: every framing that two parsers could read differently
        "POST /open/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST /open/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST /open/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n",
        "POST /open/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nContent-Length: 5\r\n\r\nhello",
        "POST /open/x HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST /open/x HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello",
        "POST /open/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nhello",
        "GET /open/x HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n",
        "GET /open/x HTTP/1.1\nHost: x\n\n",
    })
    void aRequestTheDecoderRefusesGets400AndTheConnectionCloses(String request) throws Exception {
        String response = RawHttp.exchangeUntilClosed(base, request);
        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .containsIgnoringCase("connection: close");
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void aBrokenChunkedBodyIsNeverCompletedUpstream() throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(5000);
            var out = s.getOutputStream();
            out.write(("POST /open/upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(upstream.seen.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            out.write("zz\r\nbad\r\n0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 400").contains("the request body is not valid HTTP");
        }
        assertThat(upstream.uploads.poll(5, java.util.concurrent.TimeUnit.SECONDS)).startsWith("broken after");
    }

    @Test
    void oversizedHeadersGet431AndTheConnectionCloses() throws Exception {
        String big = "GET /open/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";
        assertThat(RawHttp.exchangeUntilClosed(base, big)).startsWith("HTTP/1.1 431");
    }

    @Test
    void oversizedAndMalformedRequestsAreClientErrors() throws Exception {
        String big = "GET /open/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";
        assertThat(RawHttp.exchange(base, big)).startsWith("HTTP/1.1 431").contains("application/problem+json");
        assertThat(RawHttp.exchange(base, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414");
        assertThat(RawHttp.exchange(base, "GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(RawHttp.exchange(base, "GET /open/x HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(RawHttp.exchange(base, "GET nonsense HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void aLargeUploadStreamsToTheUpstreamBeforeTheClientHasSentIt() throws Exception {
        long size = 50L * 1024 * 1024;
        InputStream body = new InputStream() {
            long sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= size) {
                    return -1;
                }
                if (sent > size / 2) {
                    awaitUpstream();
                }
                int n = (int) Math.min(len, size - sent);
                sent += n;
                return n;
            }

            private void awaitUpstream() throws IOException {
                try {
                    if (!upstream.firstUploadBytes.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IOException("the upstream saw nothing of the body after 25 MB: buffered?");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/open/upload"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), size))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("received " + size);
    }

    @Test
    void aLargeResponseStreamsThrough() throws Exception {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(base + "/open/big?n=52428800")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(52428800L);
    }

    @Test
    void serverSentEventsArriveUnbuffered() throws Exception {
        HttpResponse<java.util.stream.Stream<String>> r = client.send(
                HttpRequest.newBuilder(URI.create(base + "/open/sse")).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        var lines = r.body().iterator();
        assertThat(lines.next()).isEqualTo("data: first"); // while the upstream still holds the stream open
        upstream.sseMayFinish.countDown();
        assertThat(lines.next()).isEmpty();
        assertThat(lines.next()).isEqualTo("data: second");
    }

    @Test
    void http2ByUpgradeWorks() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(URI.create(base + "/open/h2")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpResponse<String> second = h2.send(HttpRequest.newBuilder(URI.create(base + "/quotes/h2"))
                .POST(HttpRequest.BodyPublishers.ofString("body")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).isEqualTo(402);
        assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.headers().allValues("www-authenticate")).hasSize(2);
    }

    @Test
    void metricsCountRequestsChallengesAndVerifications() throws Exception {
        Token t = buyToken("/quotes/m");
        get("/quotes/m", "Authorization", t.authorization());
        String scrape = gateway.metrics().registry().scrape();
        assertThat(scrape).contains("turnpike_requests_total{outcome=\"forwarded\",service=\"quotes\"}",
                "turnpike_challenges_total{service=\"quotes\"}",
                "turnpike_tokens_verified_total{reason=\"valid\",service=\"quotes\"}",
                "turnpike_upstream_latency_seconds_count{service=\"quotes\"}");
    }

    /**
     * Latency as Prometheus histograms with buckets (a p99 needs them), requests outside any service under a label
     * no service can have, and the JVM's and the process's meters.
     */
    @Test
    void metricsHaveDurationHistogramsUnroutedTrafficAndJvmMeters() throws Exception {
        Token t = buyToken("/quotes/histogram");
        get("/quotes/histogram", "Authorization", t.authorization());
        String scrape = gateway.metrics().registry().scrape();
        assertThat(scrape).contains(
                "turnpike_request_duration_seconds_bucket{outcome=\"forwarded\",service=\"quotes\",le=\"5.0E-4\"}",
                "turnpike_request_duration_seconds_bucket{outcome=\"forwarded\",service=\"quotes\",le=\"10.0\"}",
                "turnpike_request_duration_seconds_bucket{outcome=\"challenged\",service=\"quotes\",le=\"+Inf\"}",
                "turnpike_upstream_latency_seconds_bucket{service=\"quotes\",le=\"0.25\"}",
                "turnpike_requests_total{outcome=\"bad_request\",service=\"(none)\"}",
                "jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
                "process_cpu_usage", "process_files_open_files", "process_uptime_seconds")
                .doesNotContain("service=\"none\"");
        assertThat(scrape).containsPattern(
                "turnpike_request_duration_seconds_count\\{outcome=\"forwarded\",service=\"quotes\"} [1-9]");
    }
}
