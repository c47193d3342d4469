package dev.turnpike.cli;

import static dev.turnpike.cli.BifrostFixture.error;
import static dev.turnpike.cli.BifrostFixture.handMade;
import static dev.turnpike.cli.BifrostFixture.json;
import static dev.turnpike.cli.BifrostFixture.payloadOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.JwsAlgorithm;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way the bridge refuses, over real HTTP, each with its status and precise {@code error} code. */
class BifrostRefusalsTest {

    @TempDir
    Path dir;

    private BifrostFixture f;
    private BifrostFixture.Opened s;

    @BeforeEach
    void start() throws Exception {
        f = new BifrostFixture(dir, 0, BifrostFixture.generousLimits(""));
        s = f.open();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String refusedApproval(String token) throws Exception {
        return error(f.approve(s.id(), token), 400);
    }

    @Test
    void aTokenWithAnotherNonceIsRefused() throws Exception {
        ObjectNode attributes = f.attributesOf(s.id()).toJsonNode().put("nonce", "not-the-session-nonce");
        assertThat(refusedApproval(f.signFor(f.app.publicKey(), Attributes.fromJson(attributes))))
                .isEqualTo("nonce_mismatch");
    }

    @Test
    void aTokenForAnotherDelegatedKeyIsRefused() throws Exception {
        Ed25519KeyPair other = Ed25519KeyPair.generate(f.random);
        assertThat(refusedApproval(f.signFor(other.publicKey(), f.attributesOf(s.id()))))
                .isEqualTo("wrong_delegated_key");
    }

    @Test
    void aTokenNotSignedByItsIssuerIsRefused() throws Exception {
        ObjectNode payload = payloadOf(f.sign(s.id()));
        String forged = handMade("{\"alg\":\"Ed25519\",\"typ\":\"JWT\"}", payload, Ed25519KeyPair.generate(f.random));
        assertThat(refusedApproval(forged)).isEqualTo("bad_signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "RS256", "ES256"})
    void aTokenWithAnotherAlgorithmIsRefused(String alg) throws Exception {
        ObjectNode payload = payloadOf(f.sign(s.id()));
        String token = handMade("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", payload, alg.equals("none") ? null : f.user);
        assertThat(refusedApproval(token)).isEqualTo("unsupported_algorithm");
    }

    @Test
    void rfc8037sEdDsaNameIsAcceptedBesideEd25519() throws Exception {
        String token = DelegationToken.sign(JwsAlgorithm.EDDSA, f.user, f.app.publicKey(), f.attributesOf(s.id()),
                f.clock.instant(), f.clock.instant().plus(Duration.ofHours(1)));
        assertThat(f.approve(s.id(), token).statusCode()).isEqualTo(200);
    }

    @Test
    void widenedPermissionsAreRefused() throws Exception {
        ObjectNode attributes = f.attributesOf(s.id()).toJsonNode();
        attributes.withObject("permissions").withArray("scopes").add("admin:everything");
        assertThat(refusedApproval(f.signFor(f.app.publicKey(), Attributes.fromJson(attributes))))
                .isEqualTo("permissions_widened");
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefused() throws Exception {
        String token = DelegationToken.sign(f.user, f.app.publicKey(), f.attributesOf(s.id()), f.clock.instant(),
                f.clock.instant().plus(Duration.ofHours(13)));
        assertThat(refusedApproval(token)).isEqualTo("lifetime_too_long");
    }

    @Test
    void aTokenCreatedAtAnotherTimeIsRefused() throws Exception {
        String token = DelegationToken.sign(f.user, f.app.publicKey(), f.attributesOf(s.id()),
                f.clock.instant().minus(Duration.ofMinutes(10)), f.clock.instant().plus(Duration.ofHours(1)));
        assertThat(refusedApproval(token)).isEqualTo("created_out_of_skew");
    }

    @Test
    void garbageIsAMalformedToken() throws Exception {
        assertThat(refusedApproval("not.a.jws")).isEqualTo("malformed_token");
    }

    @Test
    void anExpiredSessionRefusesEverything() throws Exception {
        String token = f.sign(s.id());
        f.clock.advance(Duration.ofMinutes(3));
        assertThat(error(f.approve(s.id(), token), 410)).isEqualTo("expired_token");
        assertThat(error(f.get("/api/auth/" + s.id()), 410)).isEqualTo("expired_token");
        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()), 410)).isEqualTo("expired_token");
        assertThat(error(f.send(f.request("/api/auth/" + s.id()).DELETE()), 410)).isEqualTo("expired_token");
        assertThat(error(f.get("/auth/session/" + s.id()), 410)).isEqualTo("expired_token");
    }

    @Test
    void onlyTheFirstApprovalCounts() throws Exception {
        String first = f.sign(s.id());
        assertThat(f.approve(s.id(), first).statusCode()).isEqualTo(200);
        HttpResponse<String> second = f.approve(s.id(), f.sign(s.id()));
        assertThat(error(second, 409)).isEqualTo("session_not_pending");
        assertThat(json(second).get("state").asText()).isEqualTo("approved");
        assertThat(json(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken())).get("token").asText())
                .isEqualTo(first);
    }

    @Test
    void theTokenIsNotReadWithoutTheRightPollCredential() throws Exception {
        f.approve(s.id(), f.sign(s.id()));
        assertThat(json(f.get("/api/auth/" + s.id())).has("token")).isFalse();
        BifrostFixture.Opened other = f.open();
        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), other.pollToken()), 401))
                .isEqualTo("invalid_poll_token");
        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), "short"), 401)).isEqualTo("invalid_poll_token");
        String url = f.base + "/api/auth/" + s.id();
        String strangersProof = PopProof.createForSession(Ed25519KeyPair.generate(f.random), "GET", url, s.id(),
                f.clock.instant(), f.random);
        assertThat(error(f.send(f.request("/api/auth/" + s.id()).header("DPoP", strangersProof)), 401))
                .isEqualTo("proof_bad_signature");
        String otherSession = PopProof.createForSession(f.app, "GET", url, other.id(), f.clock.instant(), f.random);
        assertThat(error(f.send(f.request("/api/auth/" + s.id()).header("DPoP", otherSession)), 401))
                .isEqualTo("proof_wrong_session");
        assertThat(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()).statusCode()).as("still there").isEqualTo(200);
    }

    @Test
    void theTokenIsReadOnce() throws Exception {
        f.approve(s.id(), f.sign(s.id()));
        assertThat(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()).statusCode()).isEqualTo(200);
        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()), 410))
                .isEqualTo("token_already_retrieved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl", "abc", "", "5LubpwhZzwkKW49a2b5GwfFJdep1xtMDsuVeMGeBvJfxx"})
    void aDelegatedKeyThatIsNotABase58Ed25519KeyIsRefused(String key) throws Exception {
        assertThat(error(f.post("/api/auth", Map.of("delegatedKey", key)), 400)).isEqualTo("invalid_delegated_key");
    }

    @Test
    void oversizedOrInvalidAttributesAreRefused() throws Exception {
        String big = "x".repeat(Attributes.MAX_JSON_BYTES);
        assertThat(error(f.post("/api/auth", Map.of("delegatedKey", f.app.publicKey().toBase58(),
                "attributes", Map.of("name", "app", "note", big))), 400)).isEqualTo("invalid_attributes");
        Object deep = "leaf";
        for (int i = 0; i < Attributes.MAX_DEPTH + 1; i++) {
            deep = Map.of("d", deep);
        }
        assertThat(error(f.post("/api/auth", Map.of("delegatedKey", f.app.publicKey().toBase58(),
                "attributes", deep)), 400)).isEqualTo("invalid_attributes");
        assertThat(error(f.post("/api/auth", Map.of("delegatedKey", f.app.publicKey().toBase58(),
                "attributes", List.of(1, 2))), 400)).isEqualTo("invalid_attributes");
        assertThat(error(f.post("/api/auth", Map.of("delegatedKey", f.app.publicKey().toBase58(),
                "attributes", Map.of("name", ""))), 400)).isEqualTo("invalid_attributes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "\"text\"", "{\"delegatedKey\": 5}", "{\"attributes\": {}}", "{\"a\":NaN}"})
    void aMalformedBodyIsAnInvalidRequest(String body) throws Exception {
        HttpResponse<String> r = f.send(f.request("/api/auth").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(error(r, 400)).isEqualTo("invalid_request");
    }

    @Test
    void aBodyNestedTooDeepIsRefusedBeforeItIsRead() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        HttpResponse<String> r = f.send(f.request("/api/auth").POST(HttpRequest.BodyPublishers.ofString(
                "{\"delegatedKey\":\"x\",\"attributes\":" + deep + "}")));
        assertThat(error(r, 400)).isEqualTo("invalid_request");
        assertThat(json(r).get("detail").asText()).contains("nested deeper");
    }

    @Test
    void pollingFasterThanTheIntervalIsToldToSlowDown() throws Exception {
        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()), 400))
                .isEqualTo("authorization_pending");
        HttpResponse<String> tooSoon = f.getWithPollToken("/api/auth/" + s.id(), s.pollToken());
        assertThat(error(tooSoon, 400)).isEqualTo("slow_down");
        assertThat(tooSoon.headers().firstValue("Retry-After")).hasValue("5");
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()), 400))
                .isEqualTo("authorization_pending");
    }

    @Test
    void badWaitValuesAreRefused() throws Exception {
        assertThat(error(f.get("/api/auth/" + s.id() + "?wait=61"), 400)).isEqualTo("invalid_request");
        assertThat(error(f.get("/api/auth/" + s.id() + "?wait=-1"), 400)).isEqualTo("invalid_request");
    }

    @Test
    void theWrongMethodIsRefusedWithWhatIsAllowed() throws Exception {
        HttpResponse<String> r = f.send(f.request("/api/auth").GET());
        assertThat(error(r, 405)).isEqualTo("method_not_allowed");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void sessionCreationIsRateLimitedPerDelegatedKeyAndPerNetwork() throws Exception {
        f.close();
        f = new BifrostFixture(dir, 0, """
                rate_limits:
                  sessions_per_ip: {per_minute: 60, burst: 5}
                  sessions_per_key: {per_minute: 1, burst: 2}
                """);
        f.open();
        f.open();
        HttpResponse<String> third = f.post("/api/auth", Map.of("delegatedKey", f.app.publicKey().toBase58()));
        assertThat(error(third, 429)).isEqualTo("rate_limited");
        assertThat(json(third).get("detail").asText()).contains("delegated key");
        assertThat(third.headers().firstValue("Retry-After")).hasValue("60");
        for (int i = 0; i < 2; i++) {
            String key = Ed25519KeyPair.generate(f.random).publicKey().toBase58();
            assertThat(f.post("/api/auth", Map.of("delegatedKey", key)).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> sixth = f.post("/api/auth", Map.of("delegatedKey",
                Ed25519KeyPair.generate(f.random).publicKey().toBase58()));
        assertThat(error(sixth, 429)).isEqualTo("rate_limited");
        assertThat(json(sixth).get("detail").asText()).contains("network");
    }
}
