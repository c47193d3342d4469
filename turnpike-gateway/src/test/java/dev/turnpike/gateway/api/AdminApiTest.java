package dev.turnpike.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.lightning.node.NodeHealth;
import dev.turnpike.store.api.IssuedToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final RevocationSet revocations = new RevocationSet();
    private final DelegationRevocationSet delegations = new DelegationRevocationSet();

    @TempDir
    Path dir;

    private AdminSecret secret;
    private String bearer;
    private AdminApi api;
    private NodeHealth lightning = new NodeHealth(NodeHealth.Status.UP, T0, "");

    @BeforeEach
    void setUp() throws Exception {
        secret = AdminSecret.loadOrCreate(dir.resolve("admin.secret"), random);
        bearer = "Bearer " + Files.readString(dir.resolve("admin.secret")).strip();
        api = new AdminApi(ledger, revocations, delegations, null, secret, () -> "# metrics\n", () -> lightning,
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    private ApiResponse call(String method, String path, String authorization, Map<String, String> query)
            throws Exception {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        return api.handle(new ApiRequest(method, path, query, n -> headers.get(n.toLowerCase()), new byte[0],
                java.net.InetAddress.getLoopbackAddress(), "http"));
    }

    private ApiResponse call(String method, String path) throws Exception {
        return call(method, path, bearer, Map.of());
    }

    private static JsonNode json(ApiResponse r) throws Exception {
        return ApiResponse.JSON.readTree(r.body());
    }

    private IssuedToken issue(String service, long msat, Instant at) {
        byte[] id = new byte[32];
        byte[] hash = new byte[32];
        random.nextBytes(id);
        random.nextBytes(hash);
        IssuedToken t = new IssuedToken(TokenId.of(id), PaymentHash.of(hash), service, msat, "lnbcrt1…", at, null);
        ledger.issued(t, RootKeyId.ofIdentifierBytes(id), RootKey.generate(random));
        return t;
    }

    @Test
    void theSecretIsMadeOnceOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        Path file = dir.resolve("admin.secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        AdminSecret again = AdminSecret.loadOrCreate(file, random);
        assertThat(again.authorizes(bearer)).isTrue();
        assertThat(again.authorizes("Bearer tpadm_wrong")).isFalse();
        assertThat(again.authorizes(null)).isFalse();
        assertThat(again.toString()).doesNotContain(bearer.substring(7));
        Files.writeString(file, "garbage");
        assertThatThrownBy(() -> AdminSecret.loadOrCreate(file, random)).hasMessageContaining("does not hold a secret");
    }

    @Test
    void aSecretFileOtherUsersMayReadIsRefused() throws Exception {
        Path file = dir.resolve("admin.secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AdminSecret.loadOrCreate(file, random)).isInstanceOf(java.io.IOException.class)
                .hasMessage("the admin secret file " + file + " is open to other users (rw-r--r--): chmod 600 " + file);
    }

    @Test
    void apiCallsNeedTheBearerSecretButHealthAndMetricsDoNot() throws Exception {
        assertThat(call("GET", "/api/tokens", null, Map.of()).status()).isEqualTo(401);
        assertThat(call("GET", "/api/tokens", "Bearer nope", Map.of()).status()).isEqualTo(401);
        assertThat(call("GET", "/api/tokens", null, Map.of()).contentType()).isEqualTo("application/problem+json");
        assertThat(call("GET", "/healthz", null, Map.of()).status()).isEqualTo(200);
        ApiResponse metrics = call("GET", "/metrics", null, Map.of());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(new String(metrics.body())).isEqualTo("# metrics\n");
    }

    @Test
    void healthShowsTheLightningBackendAndIsDegradedWhileItIsDown() throws Exception {
        ApiResponse up = call("GET", "/healthz", null, Map.of());
        assertThat(up.status()).isEqualTo(200);
        assertThat(new String(up.body())).isEqualTo(
                "{\"status\":\"ok\",\"lightning\":{\"status\":\"up\",\"since\":\"2026-11-22T10:00:00Z\"}}");

        lightning = new NodeHealth(NodeHealth.Status.DOWN, T0.plusSeconds(5), "connection refused");
        ApiResponse down = call("GET", "/healthz", null, Map.of());
        assertThat(down.status()).as("paid tokens still work: the gateway is up").isEqualTo(200);
        assertThat(new String(down.body())).isEqualTo("{\"status\":\"degraded\",\"lightning\":{\"status\":\"down\","
                + "\"since\":\"2026-11-22T10:00:05Z\",\"reason\":\"connection refused\"}}");
    }

    @Test
    void listsTokensNewestFirstByServiceWithinALimit() throws Exception {
        issue("quotes", 10_000, T0);
        IssuedToken b = issue("weather", 20_000, T0.plusSeconds(1));
        IssuedToken c = issue("quotes", 10_000, T0.plusSeconds(2));
        JsonNode all = json(call("GET", "/api/tokens", bearer, Map.of("limit", "2")));
        assertThat(all.get("tokens")).hasSize(2);
        assertThat(all.get("tokens").get(0).get("token_id").asText()).isEqualTo(c.tokenId().toHex());
        assertThat(all.get("tokens").get(1).get("token_id").asText()).isEqualTo(b.tokenId().toHex());
        JsonNode quotes = json(call("GET", "/api/tokens", bearer, Map.of("service", "quotes")));
        assertThat(quotes.get("tokens")).hasSize(2);
        assertThat(call("GET", "/api/tokens", bearer, Map.of("limit", "0")).status()).isEqualTo(400);
        assertThat(call("GET", "/api/tokens", bearer, Map.of("limit", "x")).status()).isEqualTo(400);
    }

    @Test
    void revokingRecordsItAndTakesEffectInTheGatewaysSetAtOnce() throws Exception {
        IssuedToken t = issue("quotes", 10_000, T0);
        assertThat(revocations.isRevoked(t.tokenId())).isFalse();
        ApiResponse r = call("POST", "/api/tokens/" + t.tokenId().toHex() + "/revoke");
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("revoked_at").asText()).isEqualTo(T0.toString());
        assertThat(revocations.isRevoked(t.tokenId())).isTrue();
        assertThat(call("GET", "/api/tokens/" + t.tokenId().toHex() + "/revoke").status()).isEqualTo(405);
        assertThat(call("POST", "/api/tokens/" + "ab".repeat(32) + "/revoke").status()).isEqualTo(404);
        assertThat(call("GET", "/api/tokens/not-hex").status()).isEqualTo(404);
    }

    @Test
    void revokingADelegatedTokenByItsHashRefusesItWhoeverIssuedItAndAnUnknownHashIsRecordedToo() throws Exception {
        TokenHash hash = TokenHash.of("a.b.c");
        Ed25519KeyPair anyIssuer = Ed25519KeyPair.generate(random);
        assertThat(delegations.isRevoked(hash, anyIssuer.publicKey())).isFalse();
        ApiResponse r = call("POST", "/api/delegations/" + hash.toHex().toUpperCase() + "/revoke");
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("token_hash").asText()).isEqualTo(hash.toHex());
        assertThat(json(r).get("revoked_at").asText()).isEqualTo(T0.toString());
        assertThat(delegations.isRevoked(hash, anyIssuer.publicKey())).isTrue();
        assertThat(call("POST", "/api/delegations/" + hash.toHex() + "/revoke").status()).as("idempotent")
                .isEqualTo(200);
        assertThat(call("GET", "/api/delegations/" + hash.toHex() + "/revoke").status()).isEqualTo(405);
        assertThat(call("POST", "/api/delegations/abc/revoke").status()).isEqualTo(404);
        assertThat(call("POST", "/api/delegations/" + hash.toHex() + "/revoke", null, Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void servicesShowIssuedPaidAndRevenue() throws Exception {
        IssuedToken a = issue("quotes", 10_000, T0);
        issue("quotes", 10_000, T0);
        ledger.settled(a.paymentHash(), T0);
        JsonNode s = json(call("GET", "/api/services")).get("services").get(0);
        assertThat(s.get("service").asText()).isEqualTo("quotes");
        assertThat(s.get("tokens_issued").asLong()).isEqualTo(2);
        assertThat(s.get("tokens_paid").asLong()).isEqualTo(1);
        assertThat(s.get("revenue_msat").asLong()).isEqualTo(10_000);
    }
}
