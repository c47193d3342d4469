package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.gateway.config.AccessLogConfig;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.DelegationPolicy.ProofMode;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.store.api.DelegationRevocation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log of a gateway over real loopback HTTP, written to a file: one line per request with the fields an
 * operator needs (a paid request, a 402, a revoked token, delegated requests), and none of the credentials that
 * were sent.
 */
class AccessLogTest {

    static final SecureRandom random = new SecureRandom();
    static final Ed25519KeyPair wallet = Ed25519KeyPair.generate(random);
    static final Ed25519KeyPair app = Ed25519KeyPair.generate(random);
    static final ObjectMapper json = new ObjectMapper();
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final DelegationRevocationSet delegationRevocations = new DelegationRevocationSet();

    @TempDir
    static Path dir;
    static Path file;
    static L402Fixture l402;
    static TestUpstream upstream;
    static Gateway gateway;
    static String base;
    /** Every credential this test sent: none may reach the log. */
    static final List<String> secrets = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
        file = dir.resolve("logs/access.log");
        gateway = gateway(new AccessLogConfig(true, 1.0, Optional.of(file)));
        base = "http://127.0.0.1:" + gateway.start().get(0).getPort();
    }

    static Gateway gateway(AccessLogConfig accessLog) {
        ServiceRoute energy = new ServiceRoute("energy", null, Pattern.compile("/energy(/.*)?"),
                Upstream.parse(upstream.url()), new AuthPolicy.Bifrost(DelegatedAccessTest.policy(ProofMode.REQUIRED,
                        List.of(), "/energy")), List.of(), List.of());
        return Gateway.builder(Pipeline.builder()
                        .routes(new RouteTable(List.of(GatewayTest.route("quotes", upstream.url(), GatewayTest.PAID),
                                energy)))
                        .verifier(l402.verifier)
                        .minter(l402.minter)
                        .revocations(l402.revocations)
                        .delegationRevocations(delegationRevocations)
                        .clock(l402.clock)
                        .bridge("/api/auth"))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .accessLog(accessLog)
                .build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        l402.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The log line of the one request to {@code path}, once the writer has written it. */
    static JsonNode lineFor(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<JsonNode> found = new ArrayList<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode node = json.readTree(line);
                    if (node.path("path").asText().equals(path)) {
                        found.add(node);
                    }
                }
            }
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                assertThat(found).as("lines for " + path).hasSize(1);
                return found.get(0);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aChallengeThenAPaidRequestThenARevokedToken() throws Exception {
        HttpResponse<String> challenge = get("/quotes/log-402?api_key=sk-query-secret&page=2");
        assertThat(challenge.statusCode()).isEqualTo(402);
        JsonNode unpaid = lineFor("/quotes/log-402?api_key&page");
        assertThat(unpaid.get("status").asInt()).isEqualTo(402);
        assertThat(unpaid.get("service").asText()).isEqualTo("quotes");
        assertThat(unpaid.get("auth").asText()).isEqualTo("refused");
        assertThat(unpaid.get("reason").asText()).isEqualTo("no_token");
        assertThat(unpaid.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(unpaid.get("method").asText()).isEqualTo("GET");
        assertThat(unpaid.get("bytes_out").asLong()).isEqualTo(challenge.body().length());
        assertThat(unpaid.has("upstream_ms")).isFalse();
        assertThat(Instant.parse(unpaid.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
        secrets.add("sk-query-secret");

        GatewayTest.Token token = buyTokenFor("/quotes/log-buy");
        HttpResponse<String> paid = get("/quotes/log-paid", "Authorization", token.authorization());
        assertThat(paid.statusCode()).isEqualTo(200);
        JsonNode ok = lineFor("/quotes/log-paid");
        assertThat(ok.get("status").asInt()).isEqualTo(200);
        assertThat(ok.get("auth").asText()).isEqualTo("paid");
        assertThat(ok.has("reason")).isFalse();
        assertThat(ok.get("token_id").asText()).isEqualTo(token.id().toHex());
        assertThat(ok.get("bytes_out").asLong()).isEqualTo(paid.body().length());
        assertThat(ok.get("upstream_ms").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(ok.get("total_ms").asDouble()).isGreaterThanOrEqualTo(ok.get("upstream_ms").asDouble());

        l402.revocations.revoke(token.id());
        assertThat(get("/quotes/log-revoked", "Authorization", token.authorization()).statusCode()).isEqualTo(402);
        JsonNode revoked = lineFor("/quotes/log-revoked");
        assertThat(revoked.get("auth").asText()).isEqualTo("refused");
        assertThat(revoked.get("reason").asText()).isEqualTo("revoked");
        assertThat(revoked.has("token_id")).isFalse();
        assertNoSecretLogged();
    }

    /** Buys a token at {@code path} (a 402, paid): its macaroon and preimage become secrets the log must not hold. */
    static GatewayTest.Token buyTokenFor(String path) throws Exception {
        HttpResponse<String> challenge = get(path);
        Challenge c = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(
                challenge.headers().allValues("www-authenticate"))).value();
        Preimage preimage = l402.pay(c.invoice());
        Credential credential = new Credential(c.macaroon(), preimage);
        String authorization = L402Headers.authorizationValue(credential);
        secrets.add(authorization.substring("L402 ".length()));
        secrets.add(preimage.toHex());
        secrets.add(c.invoice());
        return new GatewayTest.Token(authorization, credential,
                L402Identifier.decode(c.macaroon().identifier()).tokenId());
    }

    @Test
    void delegatedRequestsNameTheWalletAndARevokedTokenIsRefused() throws Exception {
        Instant now = l402.clock.instant();
        String token = DelegationToken.sign(wallet, app.publicKey(), Attributes.empty()
                .withPermissions(Permissions.parse(DelegatedAccessTest.GRANT)), now, now.plus(Duration.ofHours(1)));
        String path = "/energy/sites/site-1/meters";
        String proof = PopProof.createDpop(app, "GET", base + path, token, now, random);
        secrets.add(token);
        secrets.add(proof);
        HttpResponse<String> r = get(path + "?day=1", "Authorization", "DPoP " + token, "DPoP", proof);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode ok = lineFor(path + "?day");
        assertThat(ok.get("auth").asText()).isEqualTo("delegated");
        assertThat(ok.get("service").asText()).isEqualTo("energy");
        assertThat(ok.get("wallet").asText()).isEqualTo(wallet.publicKey().toBase58());

        delegationRevocations.revoke(new DelegationRevocation(TokenHash.of(token), Optional.empty(), now,
                Optional.empty()));
        String again = PopProof.createDpop(app, "GET", base + "/energy/open/x", token, now, random);
        secrets.add(again);
        assertThat(get("/energy/open/x", "Authorization", "DPoP " + token, "DPoP", again).statusCode())
                .isEqualTo(401);
        JsonNode refused = lineFor("/energy/open/x");
        assertThat(refused.get("status").asInt()).isEqualTo(401);
        assertThat(refused.get("auth").asText()).isEqualTo("refused");
        assertThat(refused.get("reason").asText()).isEqualTo("revoked");
        assertThat(refused.has("wallet")).isFalse();
        assertNoSecretLogged();
    }

    @Test
    void aRequestOutsideAnyServiceIsLoggedWithoutOne() throws Exception {
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        JsonNode line = lineFor("/nowhere");
        assertThat(line.get("status").asInt()).isEqualTo(404);
        assertThat(line.has("service")).isFalse();
        assertThat(line.has("auth")).isFalse();
    }

    @Test
    void theFileIsTheOwnersAlone() throws Exception {
        get("/nowhere-mode");
        lineFor("/nowhere-mode");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aSampleOfNothingLogsNothing() throws Exception {
        Path none = dir.resolve("sampled/access.log");
        Gateway sampled = gateway(new AccessLogConfig(true, 0.0, Optional.of(none)));
        try {
            int port = sampled.start().get(0).getPort();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/nowhere")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        } finally {
            sampled.close(); // writes whatever was queued
        }
        assertThat(Files.readString(none)).isEmpty();
    }

    static void assertNoSecretLogged() throws Exception {
        String log = Files.readString(file);
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }
}
