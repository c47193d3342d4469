package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.gateway.graphql.RootField;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.DelegationPolicy;
import dev.turnpike.gateway.route.DelegationPolicy.ProofMode;
import dev.turnpike.gateway.route.DelegationRule;
import dev.turnpike.gateway.route.GraphqlEndpoint;
import dev.turnpike.gateway.route.PathTemplate;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The never-delegable GraphQL root field over real loopback HTTP/1.1: each form that reaches
 * {@code mutation.transferGateway} is refused with a delegated token and never forwarded; bodies that cannot be read
 * are 400 or 413; allowed queries reach the upstream with their body intact and the identity headers.
 */
class GraphqlDelegationTest {

    static final SecureRandom random = new SecureRandom();
    static final Ed25519KeyPair wallet = Ed25519KeyPair.generate(random);
    static final Ed25519KeyPair app = Ed25519KeyPair.generate(random);
    static final String PATH = "/energy/graphql";
    static final String JSON = "application/json";
    static final String MUTATION = "mutation { transferGateway(gatewayId: \\\"g1\\\", to: \\\"w2\\\") { ok } }";

    static TestUpstream upstream;
    static Gateway gateway;
    static String base;
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        GraphqlEndpoint graphql = new GraphqlEndpoint(PathTemplate.parse(PATH),
                List.of(RootField.parse("mutation.transferGateway")), 4096, 200, 40);
        DelegationPolicy policy = new DelegationPolicy(ProofMode.REQUIRED, List.of(), List.of(), Duration.ofMinutes(2),
                List.of(new DelegationRule(null, PathTemplate.parse(PATH), Optional.of("read:meter"), Map.of())),
                List.of(), Optional.of(graphql));
        ServiceRoute energy = new ServiceRoute("energy", null, Pattern.compile("/energy(/.*)?"),
                Upstream.parse(upstream.url()), new AuthPolicy.Bifrost(policy), List.of(), List.of());
        gateway = Gateway.builder(Pipeline.builder().routes(new RouteTable(List.of(energy))))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .build();
        base = "http://127.0.0.1:" + gateway.start().get(0).getPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void clearSeen() {
        upstream.seen.clear();
    }

    static String token(String scopes) throws Exception {
        Attributes attributes = Attributes.empty().withName("Energy App")
                .withPermissions(Permissions.parse("{\"scopes\":[" + scopes + "]}"));
        Instant now = Instant.now();
        return DelegationToken.sign(wallet, app.publicKey(), attributes, now, now.plus(Duration.ofHours(1)));
    }

    static HttpResponse<String> send(String method, String uri, String contentType, HttpRequest.BodyPublisher body,
            String scopes) throws Exception {
        return send(client, method, uri, contentType, body, scopes);
    }

    /** {@code method} {@code uri} with a token granting {@code scopes}, its fresh proof, and {@code body}. */
    static HttpResponse<String> send(HttpClient client, String method, String uri, String contentType,
            HttpRequest.BodyPublisher body, String scopes) throws Exception {
        String token = token(scopes);
        String path = URI.create(uri).getPath();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + uri)).timeout(Duration.ofSeconds(20))
                .method(method, body)
                .header("Authorization", "DPoP " + token)
                .header("DPoP", PopProof.createDpop(app, method, base + path, token, Instant.now(), random));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String contentType, String body) throws Exception {
        return send("POST", PATH, contentType, HttpRequest.BodyPublishers.ofString(body), "\"read:meter\"");
    }

    static HttpResponse<String> postQuery(String query) throws Exception {
        return post(JSON, "{\"query\": \"" + query + "\"}");
    }

    static void assertRefused(HttpResponse<String> r, int status, String reason) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"reason\":\"" + reason + "\"");
        assertThat(upstream.seen).isEmpty();
    }

    static void assertNeverDelegable(HttpResponse<String> r) {
        assertRefused(r, 403, "never_delegable");
        assertThat(r.body()).contains("\"field\":\"mutation.transferGateway\"");
    }

    @Test
    void anAllowedQueryIsForwardedWithItsBodyIntactAndTheIdentityHeaders() throws Exception {
        String body = "{\"query\": \"{ sites { id } __typename }\", \"variables\": {\"a\": [1, 2]}}";
        HttpResponse<String> r = post(JSON + "; charset=utf-8", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("POST " + PATH + "\n" + body);
        TestUpstream.Seen seen = upstream.seen.poll();
        assertThat(seen.header("x-turnpike-wallet")).isEqualTo(wallet.publicKey().toBase58());
        assertThat(seen.header("x-turnpike-app")).isEqualTo(app.publicKey().toBase58());
        assertThat(seen.header("content-length")).isEqualTo(String.valueOf(body.length()));
    }

    @Test
    void aChunkedAllowedQueryIsForwardedWhole() throws Exception {
        String body = "query Read { sites { id } }";
        HttpResponse<String> r = send("POST", PATH, "application/graphql", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))), "\"read:meter\"");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("POST " + PATH + "\n" + body);
    }

    @Test
    void overHttp2TheSameChecksHoldAndTheBodyArrivesWhole() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // the JDK client upgrades to h2c on a request without a body; the others then go over HTTP/2
        HttpResponse<String> upgrade = send(h2, "GET", PATH + "?query=%7B%20sites%20%7B%20id%20%7D%20%7D", null,
                HttpRequest.BodyPublishers.noBody(), "\"read:meter\"");
        assertThat(upgrade.statusCode()).as(upgrade.body()).isEqualTo(200);
        String body = "{\"query\": \"{ sites { id } }\"}";
        HttpResponse<String> allowed = send(h2, "POST", PATH, JSON, HttpRequest.BodyPublishers.ofString(body),
                "\"read:meter\"");
        assertThat(allowed.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(allowed.body()).isEqualTo("POST " + PATH + "\n" + body);
        upstream.seen.clear();
        assertNeverDelegable(send(h2, "POST", PATH, JSON, HttpRequest.BodyPublishers.ofString(
                "{\"query\": \"" + MUTATION + "\"}"), "\"read:meter\""));
    }

    @Test
    void anAllowedQueryStillNeedsTheRulesScope() throws Exception {
        HttpResponse<String> r = send("POST", PATH, JSON, HttpRequest.BodyPublishers.ofString(
                "{\"query\": \"{ sites { id } }\"}"), "\"read:site\"");
        assertRefused(r, 403, "scope_missing");
    }

    @Test
    void aPlainMutationIsNeverDelegable() throws Exception {
        assertNeverDelegable(postQuery(MUTATION));
    }

    @Test
    void anAliasedMutationIsNeverDelegable() throws Exception {
        assertNeverDelegable(postQuery("mutation { move: transferGateway(gatewayId: \\\"g1\\\", to: \\\"w2\\\") { ok } }"));
    }

    @Test
    void aMutationThroughAFragmentSpreadIsNeverDelegable() throws Exception {
        assertNeverDelegable(postQuery("mutation { ...Move } fragment Move on Mutation { transferGateway { ok } }"));
    }

    @Test
    void aMutationThroughAnInlineFragmentIsNeverDelegable() throws Exception {
        assertNeverDelegable(postQuery("mutation { ... on Mutation { transferGateway { ok } } }"));
    }

    @Test
    void commentsDoNotHideAMutation() throws Exception {
        assertNeverDelegable(postQuery("# query { sites { id } }\\nmutation # { sites }\\n{ transferGateway { ok } }"));
    }

    @Test
    void anOperationNameChoosingTheMutationAmongSeveralIsNeverDelegable() throws Exception {
        assertNeverDelegable(post(JSON, "{\"query\": \"query Read { sites { id } } mutation Move { transferGateway"
                + " { ok } }\", \"operationName\": \"Move\"}"));
    }

    @Test
    void severalOperationsWithoutAnOperationNameAreABadRequest() throws Exception {
        assertRefused(postQuery("query Read { sites { id } } mutation Move { transferGateway { ok } }"), 400,
                "graphql_operation_unknown");
    }

    @Test
    void aBatchWithOneMutationIsRefusedWhole() throws Exception {
        assertNeverDelegable(post(JSON, "[{\"query\": \"{ sites { id } }\"}, {\"query\": \"" + MUTATION + "\"}]"));
    }

    @Test
    void theGetFormIsChecked() throws Exception {
        String uri = PATH + "?query=" + URLEncoder.encode(MUTATION.replace("\\\"", "\""), StandardCharsets.UTF_8);
        assertNeverDelegable(send("GET", uri, null, HttpRequest.BodyPublishers.noBody(), "\"read:meter\""));
        HttpResponse<String> allowed = send("GET", PATH + "?query=%7B%20sites%20%7B%20id%20%7D%20%7D", null,
                HttpRequest.BodyPublishers.noBody(), "\"read:meter\"");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    }

    @Test
    void graphqlInTheUrlBesideABodyIsABadRequestHoweverManyParametersComeFirst() throws Exception {
        String uri = PATH + "?" + "a&".repeat(1_100) + "query=" + URLEncoder.encode(MUTATION.replace("\\\"", "\""),
                StandardCharsets.UTF_8);
        assertRefused(send("POST", uri, JSON, HttpRequest.BodyPublishers.ofString("{\"query\": \"{ sites { id } }\"}"),
                "\"read:meter\""), 400, "graphql_unparsable");
    }

    @Test
    void anApplicationGraphqlBodyIsChecked() throws Exception {
        assertNeverDelegable(post("application/graphql", "mutation { t: transferGateway { ok } }"));
    }

    @Test
    void anUnparsableBodyIsABadRequest() throws Exception {
        assertRefused(post(JSON, "{\"query\": \"mutation { transferGateway\"}"), 400, "graphql_unparsable");
        assertRefused(post(JSON, "{\"query\": "), 400, "graphql_unparsable");
        assertRefused(post("text/plain", "mutation { transferGateway }"), 400, "graphql_unparsable");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() throws Exception {
        String big = "{\"query\": \"{ sites { id } }\", \"variables\": {\"pad\": \"" + "x".repeat(5000) + "\"}}";
        assertRefused(post(JSON, big), 413, "graphql_too_large");
        // without a Content-Length, counted as it comes
        assertRefused(send("POST", PATH, JSON, HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))), "\"read:meter\""), 413,
                "graphql_too_large");
    }

    @Test
    void documentsBeyondTheTokenOrDepthLimitAreBadRequests() throws Exception {
        assertRefused(postQuery("{ " + "a ".repeat(300) + "}"), 400, "graphql_too_complex");
        assertRefused(postQuery("{ a".repeat(30) + " }".repeat(30)), 400, "graphql_too_complex");
    }

    @Test
    void aBrokenChunkedBodyIsABadRequestAndTheConnectionCloses() throws Exception {
        String token = token("\"read:meter\"");
        String proof = PopProof.createDpop(app, "POST", base + PATH, token, Instant.now(), random);
        String answer = RawHttp.exchangeUntilClosed(base, "POST " + PATH + " HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: DPoP " + token + "\r\nDPoP: " + proof + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"que\r\nzz\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void requestsWithoutADelegatedTokenAreNotRead() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + PATH))
                .POST(HttpRequest.BodyPublishers.ofString("not graphql")).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(r, 401, "no_token");
    }
}
