package dev.turnpike.bifrost;

import static dev.turnpike.bifrost.TokenFixture.HEADER;
import static dev.turnpike.bifrost.TokenFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessVerifierTest {
    private static final String URL = "https://api.example/v1/meters";
    private final TokenFixture f = new TokenFixture();
    private final SecureRandom random = TestData.seededRandom(8);
    private final AccessVerifier anyIssuer = AccessVerifier.builder().anyIssuer().build();
    private final ReplayCache proofs = new InMemoryReplayCache(100, Clock.fixed(NOW, ZoneOffset.UTC));

    private PopVerifier proofs() {
        return PopVerifier.withDefaults(proofs);
    }

    private String dpop(String token, String method, String url) {
        return PopProof.createDpop(f.app, method, url, token, NOW, random);
    }

    @Test
    void acceptsAValidTokenOfAnyIssuer() {
        Access access = granted(anyIssuer, AccessRequest.bearer(f.token(), "GET", URL));
        assertThat(access.token().issuer()).isEqualTo(f.wallet.publicKey());
        assertThat(access.proof()).isEmpty();
    }

    @Test
    void withTrustedIssuersOnlyTheirTokensPassAndOthersAreNotEvenSignatureChecked() {
        Ed25519KeyPair stranger = TestData.keyPair(77);
        AccessVerifier trusting = AccessVerifier.builder()
                .trustedIssuers(List.of(f.wallet.publicKey(), TestData.keyPair(78).publicKey())).build();
        assertThat(granted(trusting, AccessRequest.bearer(f.token(), "GET", URL)).token().issuer())
                .isEqualTo(f.wallet.publicKey());
        String strangers = TestData.jws(stranger, HEADER, f.payload().put("issuer", stranger.publicKey().toBase58())
                .toString());
        assertRefused(trusting, AccessRequest.bearer(strangers, "GET", URL), Reason.UNTRUSTED_ISSUER,
                "issuer " + stranger.publicKey().fingerprint() + " is not among the trusted issuers");
        String forgedByStranger = TestData.jws(f.app, HEADER, f.payload().put("issuer", stranger.publicKey().toBase58())
                .toString());
        assertRefused(trusting, AccessRequest.bearer(forgedByStranger, "GET", URL), Reason.UNTRUSTED_ISSUER, "trusted");
        assertRefused(anyIssuer, AccessRequest.bearer(forgedByStranger, "GET", URL), Reason.BAD_SIGNATURE, "signature");
        assertRefused(trusting, AccessRequest.bearer(f.tokenWith(p -> p.put("issuer", "0")), "GET", URL),
                Reason.INVALID_ISSUER_KEY, "not base58");
    }

    @Test
    void theValidityWindowToleratesTheClockSkewAtBothEnds() {
        String token = f.tokenAt(NOW, Duration.ofHours(1));
        Duration skew = TimePolicy.DEFAULT_CLOCK_SKEW;
        assertThat(anyIssuer.verify(AccessRequest.bearer(token, "GET", URL), NOW.minus(skew)).isVerified()).isTrue();
        assertRefused(token, NOW.minus(skew).minusSeconds(1), Reason.NOT_YET_VALID, "is later than now");
        assertThat(anyIssuer.verify(AccessRequest.bearer(token, "GET", URL), NOW.plus(Duration.ofHours(1)).plus(skew)
                .minusSeconds(1)).isVerified()).isTrue();
        assertRefused(token, NOW.plus(Duration.ofHours(1)).plus(skew), Reason.EXPIRED,
                "expiration 2025-04-28T09:50:41Z is not after now 2025-04-28T09:52:41Z minus the clock skew of PT2M");
    }

    @Test
    void lifetimeRulesApplyToo() {
        assertRefused(f.tokenAt(NOW, Duration.ofHours(13)), NOW, Reason.LIFETIME_TOO_LONG, "maximum PT12H");
        assertRefused(f.tokenAt(NOW, Duration.ofSeconds(-5)), NOW, Reason.EXPIRATION_NOT_AFTER_CREATED, "not after");
        AccessVerifier longLived = AccessVerifier.builder().anyIssuer()
                .timePolicy(new TimePolicy(Duration.ZERO, Duration.ofDays(30))).build();
        String longToken = f.tokenWith(p -> {
            p.put("expiration", NOW.plus(Duration.ofHours(13)).toString());
            ((ObjectNode) p.get("attributes")).remove("permissions"); // its expires_in would limit the lifetime
        });
        assertThat(longLived.verify(AccessRequest.bearer(longToken, "GET", URL), NOW).isVerified()).isTrue();
    }

    @Test
    void attributesAreCheckedButNotComparedWithAnyRequest() {
        assertThat(granted(anyIssuer, AccessRequest.bearer(f.tokenWithAttributes(a -> a.put("name", "Other")), "GET",
                URL)).token().attributes().name()).contains("Other");
        assertRefused(f.tokenWithAttributes(a -> a.put("name", "")), NOW, Reason.ATTRIBUTES_INVALID, "attributes.name");
    }

    @Test
    void aRequiredProofMustBePresentAndValid() {
        AccessVerifier requiring = AccessVerifier.builder().anyIssuer().requireProof().proofVerifier(proofs()).build();
        String token = f.token();
        assertRefused(requiring, AccessRequest.bearer(token, "GET", URL), Reason.PROOF_MISSING, "send a proof");
        String proof = PopProof.createDpop(f.app, "GET", URL + "?page=2", token, NOW, random);
        Access access = granted(requiring, AccessRequest.withProof(token, proof, "GET", URL + "?page=2"));
        assertThat(access.proof().orElseThrow().jti()).hasSize(22);
        assertRefused(requiring, AccessRequest.withProof(token, proof, "GET", URL + "?page=2"), Reason.PROOF_REPLAYED,
                "used before");
        assertRefused(requiring, AccessRequest.withProof(token, PopProof.createDpop(f.wallet, "GET", URL, token, NOW,
                random), "GET", URL), Reason.PROOF_WRONG_KEY, f.app.publicKey().fingerprint());
        assertRefused(requiring, AccessRequest.withProof(token, dpop(token, "GET", URL), "DELETE", URL),
                Reason.PROOF_WRONG_METHOD, "GET");
        assertRefused(requiring, AccessRequest.withProof(token, dpop(token, "GET", URL), "GET", URL + "/1"),
                Reason.PROOF_WRONG_URL, "URL");
        assertRefused(requiring, AccessRequest.withProof(token, dpop(f.tokenAt(NOW, Duration.ofHours(1)), "GET", URL),
                "GET", URL), Reason.PROOF_WRONG_TOKEN, "ath");
        assertRefused(requiring, AccessRequest.withProof(token, PopProof.createForSession(f.app, "GET", URL, "s", NOW,
                random), "GET", URL), Reason.PROOF_MALFORMED, "dpop+jwt");
        assertRefused(requiring, AccessRequest.withProof(token, "garbage", "GET", URL), Reason.PROOF_MALFORMED,
                "three parts");
    }

    @Test
    void aPresentedProofIsCheckedEvenWhenNotRequiredAndItsWindowIsConfigurable() {
        String token = f.token();
        String stale = PopProof.createDpop(f.app, "GET", URL, token, NOW.minusSeconds(90), random);
        AccessVerifier optional = AccessVerifier.builder().anyIssuer().proofVerifier(proofs()).build();
        assertRefused(optional, AccessRequest.withProof(token, stale, "GET", URL), Reason.PROOF_STALE, "PT1M30S");
        AccessVerifier lenient = AccessVerifier.builder().anyIssuer().proofVerifier(new PopVerifier(
                Duration.ofMinutes(5), Duration.ZERO, proofs))
                .build();
        assertThat(lenient.verify(AccessRequest.withProof(token, stale, "GET", URL), NOW).isVerified()).isTrue();
        // without a proof verifier, proofs are not looked at
        assertThat(granted(anyIssuer, AccessRequest.withProof(token, stale, "GET", URL)).proof()).isEmpty();
    }

    @Test
    void theTokenStepsAloneAreAvailableForCallersThatCacheTokens() {
        assertThat(anyIssuer.verifyToken(f.token(), NOW)).isInstanceOf(Verification.Verified.class);
        assertThat(anyIssuer.verifyToken(f.tokenAt(NOW.minus(Duration.ofDays(1)), Duration.ofHours(1)), NOW))
                .isInstanceOfSatisfying(Verification.Refused.class, r -> assertThat(r.reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void theTokenIsCheckedBeforeTheProof() {
        AccessVerifier requiring = AccessVerifier.builder().anyIssuer().requireProof().proofVerifier(proofs()).build();
        assertRefused(requiring, AccessRequest.bearer(f.tokenAt(NOW.minus(Duration.ofDays(1)), Duration.ofHours(1)),
                "GET", URL), Reason.EXPIRED, "expiration");
    }

    @Test
    void theBuilderCannotBeLeftHalfConfigured() {
        assertThatThrownBy(() -> AccessVerifier.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("choose trustedIssuers(…) or anyIssuer()");
        assertThatThrownBy(() -> AccessVerifier.builder().trustedIssuers(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("call anyIssuer()");
        assertThatThrownBy(() -> new TimePolicy(Duration.ofSeconds(-1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimePolicy(Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimePolicy(Duration.ofDays(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockSkew must be within");
        assertThatThrownBy(() -> new TimePolicy(Duration.ZERO, Duration.ofDays(400)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLifetime must be within");
        assertThatThrownBy(() -> AccessVerifier.builder().anyIssuer().requireProof().build())
                .isInstanceOf(IllegalStateException.class).hasMessage("requireProof() needs a proofVerifier(…)");
    }

    @Test
    void theRequestsToStringLeavesTheTokenOut() {
        String token = f.token();
        assertThat(AccessRequest.bearer(token, "GET", URL).toString()).doesNotContain(token).contains("GET " + URL);
    }

    private Access granted(AccessVerifier verifier, AccessRequest request) {
        Verification<Access> v = verifier.verify(request, NOW);
        assertThat(v).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified<Access>) v).value();
    }

    private void assertRefused(String token, Instant now, Reason reason, String detailPart) {
        assertRefused(anyIssuer, AccessRequest.bearer(token, "GET", URL), now, reason, detailPart);
    }

    private void assertRefused(AccessVerifier verifier, AccessRequest request, Reason reason, String detailPart) {
        assertRefused(verifier, request, NOW, reason, detailPart);
    }

    private void assertRefused(AccessVerifier verifier, AccessRequest request, Instant now, Reason reason,
            String detailPart) {
        Verification<Access> v = verifier.verify(request, now);
        assertThat(v).as(request.toString()).isInstanceOf(Verification.Refused.class);
        Verification.Refused<Access> refused = (Verification.Refused<Access>) v;
        assertThat(refused.reason()).as(refused.detail()).isEqualTo(reason);
        assertThat(refused.detail()).contains(detailPart);
    }
}
