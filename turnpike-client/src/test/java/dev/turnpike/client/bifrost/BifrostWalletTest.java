package dev.turnpike.client.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationRequest;
import dev.turnpike.bifrost.DelegationVerifier;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.client.bifrost.FakeBridge.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wallet's side against a scriptable bridge on loopback: the token it signs, and the sessions it refuses. */
class BifrostWalletTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:07.250Z");

    private final SecureRandom random = new SecureRandom();
    private final Ed25519KeyPair appKey = Ed25519KeyPair.generate(random);
    private final Ed25519KeyPair user = Ed25519KeyPair.generate(random);
    private final TestClock clock = new TestClock(T0);
    private FakeBridge bridge;
    private BifrostWallet wallet;
    private SessionRef session;

    @BeforeEach
    void start() throws Exception {
        bridge = new FakeBridge(T0.plusSeconds(180));
        wallet = BifrostWallet.builder(user).clock(clock).build();
        session = SessionRef.parse(bridge.base() + "/auth/session/" + FakeBridge.ID, Optional.empty());
    }

    @AfterEach
    void stop() {
        wallet.close();
        bridge.close();
    }

    /** Opens the fake's session as an application would, asking for {@code attributes}. */
    private void opened(String attributes) throws Exception {
        ObjectNode request = FakeBridge.JSON.createObjectNode().put("delegatedKey", appKey.publicKey().toBase58());
        request.set("attributes", FakeBridge.JSON.readTree(attributes));
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(URI.create(bridge.base() + "/api/auth"))
                    .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private static JsonNode part(String compact, int index) throws Exception {
        return FakeBridge.JSON.readTree(Base64.getUrlDecoder().decode(compact.split("\\.")[index]));
    }

    @Test
    void theWalletShowsWhatIsAskedAndSignsTheDocumentsTokenForIt() throws Exception {
        opened("{\"name\":\"Meter dashboard\",\"permissions\":{\"scopes\":[\"read:meter\"]},\"theme\":\"dark\"}");

        SessionView asked = wallet.fetch(session);
        assertThat(asked.name()).hasValue("Meter dashboard");
        assertThat(asked.permissions().orElseThrow().scopes()).hasValue(Set.of("read:meter"));
        assertThat(asked.confirmationCode().orElseThrow().display()).isEqualTo("BCD-FGH");
        assertThat(asked.expiresAt()).isEqualTo(Instant.ofEpochSecond(T0.plusSeconds(180).getEpochSecond()));
        assertThat(asked.state()).hasValue(SessionState.PENDING);
        assertThat(asked.otherAttributes().toString()).as("signed, so shown").isEqualTo("{\"theme\":\"dark\"}");
        assertThat(asked.audience()).isEmpty();

        wallet.approve(asked, BifrostWallet.DEFAULT_TOKEN_LIFETIME);

        String posted = bridge.posted;
        assertThat(part(posted, 0).toString()).isEqualTo("{\"alg\":\"Ed25519\",\"typ\":\"JWT\"}");
        JsonNode payload = part(posted, 1);
        assertThat(payload.get("created").asText()).isEqualTo("2026-03-01T12:00:07Z");
        assertThat(payload.get("expiration").asText()).isEqualTo("2026-03-02T00:00:07Z");
        assertThat(payload.get("issuer").asText()).isEqualTo(user.publicKey().toBase58());
        assertThat(payload.get("delegatedKey").asText()).isEqualTo(appKey.publicKey().toBase58());
        assertThat(payload.get("attributes")).isEqualTo(bridge.attributes);
        assertThat(payload.get("attributes").get("nonce").asText()).isEqualTo(FakeBridge.NONCE);
        DelegationRequest request = new DelegationRequest(appKey.publicKey(), Attributes.fromJson(bridge.attributes));
        assertThat(DelegationVerifier.withDefaults().verify(posted, request, clock.instant()))
                .isInstanceOf(Verification.Verified.class);
    }

    @Test
    void theLifetimeIsCappedByThePermissionsExpiresInAndTheBridgesMaximum() throws Exception {
        opened("{\"name\":\"Meter dashboard\",\"permissions\":{\"expires_in\":3600}}");
        assertThat(wallet.approve(wallet.fetch(session), Duration.ofHours(12)).lifetime()).isEqualTo(Duration.ofHours(1));

        opened("{\"name\":\"Meter dashboard\"}");
        bridge.maxTokenLifetime = 600L;
        assertThat(wallet.approve(wallet.fetch(session), Duration.ofHours(12)).lifetime())
                .isEqualTo(Duration.ofMinutes(10));

        bridge.maxTokenLifetime = null;
        assertThat(wallet.approve(wallet.fetch(session), Duration.ofMinutes(5)).lifetime())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aSessionWithoutNonceOrWithAnInvalidKeyIsNotSignedFor() throws Exception {
        bridge.addNonce = false;
        opened("{\"name\":\"Meter dashboard\"}");
        assertThatThrownBy(() -> wallet.fetch(session)).isInstanceOf(BridgeProtocolException.class)
                .hasMessageContaining("no nonce");

        bridge.addNonce = true;
        opened("{\"name\":\"Meter dashboard\"}");
        bridge.delegatedKey = "1111111111111111111111111111111111111111111";
        assertThatThrownBy(() -> wallet.fetch(session)).isInstanceOf(BridgeProtocolException.class)
                .hasMessageContaining("delegatedKey is unusable");
        assertThat(bridge.posted).isNull();
    }

    @Test
    void denyPostsToTheDenialEndpoint() throws Exception {
        opened("{\"name\":\"Meter dashboard\"}");
        wallet.deny(session);
        assertThat(bridge.requests.getLast()).isEqualTo("POST /api/auth/" + FakeBridge.ID + "/deny none");
    }

    @Test
    void aBridgeOfTheOriginalProtocolHasNoDenial() throws Exception {
        bridge.documentOnly = true;
        opened("{\"name\":\"Meter dashboard\"}");
        assertThatThrownBy(() -> wallet.deny(session)).isInstanceOfSatisfying(BifrostRefusedException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.error()).isEqualTo("not_found");
        });
    }

    @Test
    void anExpiredSessionAndASecondApprovalArePreciseRefusals() throws Exception {
        opened("{\"name\":\"Meter dashboard\"}");
        bridge.walletReads.add(Reply.problem(410, "expired_token", ""));
        assertThatThrownBy(() -> wallet.fetch(session)).isInstanceOf(SessionExpiredException.class)
                .hasMessageContaining("because");

        SessionView asked = wallet.fetch(session);
        bridge.refuseApproval = Reply.problem(409, "session_not_pending", ",\"state\":\"approved\"");
        assertThatThrownBy(() -> wallet.approve(asked, Duration.ofHours(1)))
                .isInstanceOfSatisfying(BifrostRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("session_not_pending");
                });
    }
}
