package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.Audience;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.encoding.Base64Url;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
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
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.store.api.DelegationRevocation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bifrost delegated tokens at the gateway, over real loopback HTTP/1.1 with real Ed25519 keys: a token (and its DPoP
 * proof) reaches the upstream with the identity headers, and each refusal has its own reason.
 */
class DelegatedAccessTest {

    static final SecureRandom random = new SecureRandom();
    static final Ed25519KeyPair wallet = Ed25519KeyPair.generate(random);
    static final Ed25519KeyPair app = Ed25519KeyPair.generate(random);
    static final Ed25519KeyPair stranger = Ed25519KeyPair.generate(random);
    static final String GRANT = "{\"scopes\":[\"read:meter\"],\"resources\":{\"sites\":[\"site-1\"]}}";

    static L402Fixture l402;
    static TestUpstream upstream;
    static Gateway gateway;
    static String base;
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final DelegationRevocationSet revocations = new DelegationRevocationSet();

    static DelegationPolicy policy(ProofMode pop, List<Ed25519PublicKey> issuers, String prefix) {
        return new DelegationPolicy(pop, issuers, List.of(), Duration.ofMinutes(2),
                List.of(rule("GET", prefix + "/sites/{site}/meters", "read:meter", Map.of("site", "sites")),
                        rule("GET", prefix + "/open/{x}", null, Map.of())),
                List.of(new DelegationRule("POST", PathTemplate.parse(prefix + "/gateways/{id}/transfer"),
                        Optional.empty(), Map.of())),
                Optional.of(new GraphqlEndpoint(PathTemplate.parse(prefix + "/graphql"),
                        List.of(RootField.parse("mutation.transferGateway")), 4096, 200, 40)));
    }

    static DelegationRule rule(String method, String path, String scope, Map<String, String> resources) {
        return new DelegationRule(method, PathTemplate.parse(path), Optional.ofNullable(scope), resources);
    }

    static ServiceRoute route(String name, AuthPolicy auth) {
        return new ServiceRoute(name, null, Pattern.compile("/" + name + "(/.*)?"), Upstream.parse(upstream.url()),
                auth, List.of(), List.of(Pattern.compile("/" + name + "/free")));
    }

    @BeforeAll
    static void start() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
        gateway = Gateway.builder(Pipeline.builder()
                .routes(new RouteTable(List.of(
                        route("energy", new AuthPolicy.Bifrost(policy(ProofMode.REQUIRED, List.of(), "/energy"))),
                        route("trusting", new AuthPolicy.Bifrost(policy(ProofMode.OFF,
                                List.of(stranger.publicKey()), "/trusting"))),
                        route("nopop", new AuthPolicy.Bifrost(policy(ProofMode.OFF, List.of(), "/nopop"))),
                        route("either", new AuthPolicy.Either(GatewayTest.PAID,
                                policy(ProofMode.REQUIRED, List.of(), "/either"))))))
                .verifier(l402.verifier)
                .minter(l402.minter)
                .revocations(l402.revocations)
                .delegationRevocations(revocations)
                .clock(l402.clock)
                .bridge("/api/auth")
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
    }

    static Instant now() {
        return l402.clock.instant();
    }

    static String token(String permissions, Instant created, Duration lifetime) throws Exception {
        Attributes attributes = Attributes.empty().withName("Energy App").withPermissions(Permissions.parse(permissions));
        return DelegationToken.sign(wallet, app.publicKey(), attributes, created, created.plus(lifetime));
    }

    static String token() throws Exception {
        return token(GRANT, now(), Duration.ofHours(1));
    }

    static String proof(Ed25519KeyPair key, String method, String path, String token) {
        return PopProof.createDpop(key, method, base + path, token, now(), random);
    }

    static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        return send(client, method, path, headers);
    }

    static HttpResponse<String> send(HttpClient client, String method, String path, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET {@code path} with {@code token} and a fresh proof for it. */
    static HttpResponse<String> get(String path, String token) throws Exception {
        return get(client, path, token);
    }

    static HttpResponse<String> get(HttpClient client, String path, String token) throws Exception {
        return send(client, "GET", path, "Authorization", "DPoP " + token, "DPoP", proof(app, "GET", path, token));
    }

    static void assertRefused(HttpResponse<String> r, int status, String reason) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"reason\":\"" + reason + "\"");
        assertThat(upstream.seen).isEmpty();
    }

    static void assertUnauthorized(HttpResponse<String> r, String error, String reason) {
        assertRefused(r, 401, reason);
        assertThat(r.headers().allValues("www-authenticate"))
                .containsExactly("DPoP error=\"" + error + "\", algs=\"Ed25519 EdDSA\"");
        assertThat(r.body()).contains("\"bridge\":\"/api/auth\"");
    }

    /** {@code token} with its signature replaced by one {@code signer} made over the same header and payload. */
    static String resigned(String token, Ed25519KeyPair signer) {
        String input = token.substring(0, token.lastIndexOf('.'));
        return input + "." + Base64Url.encode(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aDelegatedTokenWithItsProofReachesTheUpstreamWithTheIdentityHeaders() throws Exception {
        String token = token();
        HttpResponse<String> r = send("GET", "/energy/sites/site-1/meters?day=1", "Authorization", "DPoP " + token,
                "DPoP", proof(app, "GET", "/energy/sites/site-1/meters", token), "X-Turnpike-Wallet", "forged",
                "X-Turnpike-Scopes", "admin");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("GET /energy/sites/site-1/meters?day=1");
        TestUpstream.Seen seen = upstream.seen.poll();
        assertThat(seen.header("x-turnpike-wallet")).isEqualTo(wallet.publicKey().toBase58());
        assertThat(seen.header("x-turnpike-app")).isEqualTo(app.publicKey().toBase58());
        assertThat(seen.header("x-turnpike-scopes")).isEqualTo("read:meter");
        // a cached token still needs a fresh proof each time; Bearer is accepted as the scheme too
        HttpResponse<String> again = send("GET", "/energy/open/x", "Authorization", "Bearer " + token,
                "DPoP", proof(app, "GET", "/energy/open/x", token));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }

    @Test
    void theIdentityHeadersAreStrippedEverywhereElse() throws Exception {
        HttpResponse<String> r = send("GET", "/energy/free", "X-Turnpike-Wallet", "forged", "X-Turnpike-App", "x");
        assertThat(r.statusCode()).isEqualTo(200);
        TestUpstream.Seen seen = upstream.seen.poll();
        assertThat(seen.header("x-turnpike-wallet")).isNull();
        assertThat(seen.header("x-turnpike-app")).isNull();
    }

    @Test
    void withoutATokenTheAnswerIsADpopChallengeThatNamesTheBridge() throws Exception {
        HttpResponse<String> r = send("GET", "/energy/sites/site-1/meters");
        assertRefused(r, 401, "no_token");
        assertThat(r.headers().allValues("www-authenticate")).containsExactly("DPoP algs=\"Ed25519 EdDSA\"");
        assertThat(r.body()).contains("\"bridge\":\"/api/auth\"");
    }

    @Test
    void aTokenWithABadSignatureIsRefused() throws Exception {
        assertUnauthorized(get("/energy/sites/site-1/meters", resigned(token(), stranger)), "invalid_token",
                "bad_signature");
    }

    @Test
    void aTokenWithAlgNoneOrHs256IsRefused() throws Exception {
        String token = token();
        String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
        for (String alg : new String[] {"none", "HS256"}) {
            String header = Base64Url.encode(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}")
                    .getBytes(StandardCharsets.US_ASCII));
            String forged = header + "." + payload + "." + (alg.equals("none") ? "" : Base64Url.encode(new byte[32]));
            HttpResponse<String> r = send("GET", "/nopop/open/x", "Authorization", "DPoP " + forged);
            assertUnauthorized(r, "invalid_token", "unsupported_algorithm");
        }
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String expired = token(GRANT, now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertUnauthorized(get("/energy/sites/site-1/meters", expired), "invalid_token", "expired");
    }

    @Test
    void aRevokedTokenIsRefusedOnTheNextRequestOnEveryConnectionEvenWhenCached() throws Exception {
        String token = token(GRANT, now(), Duration.ofMinutes(59)); // the clock stands still: a token of its own
        List<HttpClient> connections = new ArrayList<>(); // each its own connection, so likely another event loop
        for (int i = 0; i < 4; i++) {
            connections.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }
        for (HttpClient c : connections) {
            for (int hit = 0; hit < 2; hit++) {
                assertThat(get(c, "/energy/sites/site-1/meters", token).statusCode()).isEqualTo(200);
            }
        }
        upstream.seen.clear();
        revocations.revoke(new DelegationRevocation(TokenHash.of(token), Optional.empty(), now(), Optional.empty()));
        for (HttpClient c : connections) {
            assertUnauthorized(get(c, "/energy/sites/site-1/meters", token), "invalid_token", "revoked");
            c.close();
        }
    }

    @Test
    void aTokenRevokedByItsIssuerIsRefusedButARevocationByAnotherWalletIsNotItsIssuers() throws Exception {
        String token = token(GRANT, now(), Duration.ofMinutes(58));
        revocations.revoke(new DelegationRevocation(TokenHash.of(token), Optional.of(stranger.publicKey()), now(),
                Optional.empty()));
        assertThat(get("/energy/sites/site-1/meters", token).statusCode()).isEqualTo(200);
        upstream.seen.clear();
        revocations.revoke(new DelegationRevocation(TokenHash.of(token), Optional.of(wallet.publicKey()), now(),
                Optional.empty()));
        assertUnauthorized(get("/energy/sites/site-1/meters", token), "invalid_token", "revoked");
    }

    @Test
    void aTokenOfAnIssuerNotAllowedIsRefused() throws Exception {
        HttpResponse<String> r = send("GET", "/trusting/open/x", "Authorization", "DPoP " + token());
        assertUnauthorized(r, "invalid_token", "untrusted_issuer");
    }

    @Test
    void aTokenWithoutTheScopeIsForbiddenAndTheAnswerNamesIt() throws Exception {
        String token = token("{\"scopes\":[\"read:site\"],\"resources\":{\"sites\":[\"site-1\"]}}", now(),
                Duration.ofHours(1));
        HttpResponse<String> r = get("/energy/sites/site-1/meters", token);
        assertRefused(r, 403, "scope_missing");
        assertThat(r.body()).contains("\"scope\":\"read:meter\"");
    }

    @Test
    void aTokenForOtherApisIsForbiddenAndOneThatNamesThisApiPasses() throws Exception {
        Attributes granted = Attributes.empty().withName("Energy App").withPermissions(Permissions.parse(GRANT));
        String elsewhere = DelegationToken.sign(wallet, app.publicKey(),
                granted.withAudience(Audience.of(List.of("https://api.example.com"))), now(), now().plusSeconds(600));
        HttpResponse<String> r = get("/energy/sites/site-1/meters", elsewhere);
        assertRefused(r, 403, "wrong_audience");
        assertThat(r.body()).contains("\"audience\":\"" + base + "\"");

        String here = DelegationToken.sign(wallet, app.publicKey(),
                granted.withAudience(Audience.of(List.of("https://api.example.com", base))), now(), now().plusSeconds(600));
        assertThat(get("/energy/sites/site-1/meters", here).statusCode()).isEqualTo(200);
    }

    @Test
    void aResourceOutsideTheGrantIsForbiddenAndTheAnswerNamesIt() throws Exception {
        HttpResponse<String> r = get("/energy/sites/site-2/meters", token());
        assertRefused(r, 403, "resource_not_granted");
        assertThat(r.body()).contains("\"resource\":\"sites/site-2\"");
    }

    @Test
    void aNeverDelegableRouteIsForbiddenWhateverTheGrant() throws Exception {
        String token = token();
        HttpResponse<String> r = send("POST", "/energy/gateways/g1/transfer", "Authorization", "DPoP " + token,
                "DPoP", proof(app, "POST", "/energy/gateways/g1/transfer", token));
        assertRefused(r, 403, "never_delegable");
        assertThat(r.body()).contains("\"rule\":\"POST /energy/gateways/{id}/transfer\"");
    }

    @Test
    void aRequestNoRuleCoversIsForbidden() throws Exception {
        assertRefused(get("/energy/other", token()), 403, "no_rule");
    }

    @Test
    void aMissingProofIsRefused() throws Exception {
        HttpResponse<String> r = send("GET", "/energy/sites/site-1/meters", "Authorization", "DPoP " + token());
        assertUnauthorized(r, "invalid_dpop_proof", "proof_missing");
    }

    @Test
    void aReplayedProofIsRefused() throws Exception {
        String token = token();
        String proof = proof(app, "GET", "/energy/sites/site-1/meters", token);
        String[] headers = {"Authorization", "DPoP " + token, "DPoP", proof};
        assertThat(send("GET", "/energy/sites/site-1/meters", headers).statusCode()).isEqualTo(200);
        upstream.seen.clear();
        assertUnauthorized(send("GET", "/energy/sites/site-1/meters", headers), "invalid_dpop_proof", "proof_replayed");
    }

    @Test
    void aStaleProofIsRefused() throws Exception {
        String token = token();
        for (Duration off : new Duration[] {Duration.ofSeconds(-61), Duration.ofSeconds(30)}) {
            String proof = PopProof.createDpop(app, "GET", base + "/energy/sites/site-1/meters", token,
                    now().plus(off), random);
            assertUnauthorized(send("GET", "/energy/sites/site-1/meters", "Authorization", "DPoP " + token, "DPoP",
                    proof), "invalid_dpop_proof", "proof_stale");
        }
    }

    @Test
    void aProofForAnotherMethodUrlOrTokenIsRefused() throws Exception {
        String token = token();
        String path = "/energy/sites/site-1/meters";
        assertUnauthorized(send("GET", path, "Authorization", "DPoP " + token, "DPoP", proof(app, "POST", path, token)),
                "invalid_dpop_proof", "proof_wrong_method");
        assertUnauthorized(send("GET", path, "Authorization", "DPoP " + token, "DPoP",
                proof(app, "GET", "/energy/sites/site-1/other", token)), "invalid_dpop_proof", "proof_wrong_url");
        assertUnauthorized(send("GET", path, "Authorization", "DPoP " + token, "DPoP",
                PopProof.createDpop(app, "GET", "http://example.com" + path, token, now(), random)),
                "invalid_dpop_proof", "proof_wrong_url");
        assertUnauthorized(send("GET", path, "Authorization", "DPoP " + token, "DPoP",
                proof(app, "GET", path, token(GRANT, now(), Duration.ofMinutes(30)))), "invalid_dpop_proof",
                "proof_wrong_token");
    }

    @Test
    void aProofByAKeyThatIsNotTheDelegatedKeyIsRefused() throws Exception {
        String token = token();
        assertUnauthorized(send("GET", "/energy/open/x", "Authorization", "DPoP " + token, "DPoP",
                proof(stranger, "GET", "/energy/open/x", token)), "invalid_dpop_proof", "proof_wrong_key");
    }

    @Test
    void withPopOffTheTokenAloneIsEnoughAndACachedTokenPassesAgain() throws Exception {
        String token = token();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = send("GET", "/nopop/sites/site-1/meters", "Authorization", "DPoP " + token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        assertThat(upstream.seen).hasSize(3);
    }

    @Test
    void eitherRoutesTakeAnL402TokenOrADelegatedOneAndTheirChallengeOffersBoth() throws Exception {
        HttpResponse<String> challenge = send("GET", "/either/open/x");
        assertThat(challenge.statusCode()).isEqualTo(402);
        List<String> offers = challenge.headers().allValues("www-authenticate");
        assertThat(offers).hasSize(3);
        assertThat(offers.get(0)).startsWith("LSAT ");
        assertThat(offers.get(1)).startsWith("L402 ");
        assertThat(offers.get(2)).isEqualTo("DPoP algs=\"Ed25519 EdDSA\"");
        assertThat(challenge.body()).contains("\"bridge\":\"/api/auth\"", "\"reason\":\"no_token\"",
                "or log in with Bifrost and send Authorization: DPoP <token>");

        GatewayTest.Token paid = buyToken("/either/open/x");
        HttpResponse<String> withL402 = send("GET", "/either/open/x", "Authorization", paid.authorization());
        assertThat(withL402.statusCode()).as(withL402.body()).isEqualTo(200);
        assertThat(upstream.seen.poll().header("x-turnpike-token-id")).isEqualTo(paid.id().toHex());

        HttpResponse<String> delegated = get("/either/sites/site-1/meters", token());
        assertThat(delegated.statusCode()).as(delegated.body()).isEqualTo(200);
        assertThat(upstream.seen.poll().header("x-turnpike-wallet")).isEqualTo(wallet.publicKey().toBase58());
        assertUnauthorized(send("GET", "/either/open/x", "Authorization", "DPoP " + token()), "invalid_dpop_proof",
                "proof_missing");
    }

    @Test
    void onEitherRoutesAnL402RequestToTheGraphqlEndpointStreamsUnreadAndADelegatedOneIsChecked() throws Exception {
        String mutation = "{\"query\": \"mutation { transferGateway { ok } }\"}";
        GatewayTest.Token paid = buyToken("/either/graphql");
        HttpResponse<String> withL402 = client.send(HttpRequest.newBuilder(URI.create(base + "/either/graphql"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", paid.authorization())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(mutation)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withL402.statusCode()).as(withL402.body()).isEqualTo(200);
        assertThat(withL402.body()).isEqualTo("POST /either/graphql\n" + mutation);
        upstream.seen.clear();

        String token = token();
        HttpResponse<String> delegated = client.send(HttpRequest.newBuilder(URI.create(base + "/either/graphql"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "DPoP " + token)
                .header("DPoP", proof(app, "POST", "/either/graphql", token))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(mutation)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(delegated, 403, "never_delegable");
    }

    private static GatewayTest.Token buyToken(String path) throws Exception {
        HttpResponse<String> challenge = send("GET", path);
        List<String> values = new ArrayList<>(challenge.headers().allValues("www-authenticate"));
        values.removeIf(v -> v.startsWith("DPoP"));
        Challenge c = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(values)).value();
        Credential credential = new Credential(c.macaroon(), l402.pay(c.invoice()));
        return new GatewayTest.Token(L402Headers.authorizationValue(credential), credential,
                L402Identifier.decode(c.macaroon().identifier()).tokenId());
    }
}
