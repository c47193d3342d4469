package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PopVerifierTest {
    private static final Instant NOW = Instant.parse("2025-04-28T08:50:41Z");
    private static final String URL = "https://bridge.example/api/auth/abc";
    private final Ed25519KeyPair app = TestData.keyPair(2);
    private final SecureRandom random = TestData.seededRandom(5);
    private final PopVerifier verifier = PopVerifier.withDefaults();
    private final PopExpectation forRequest = PopExpectation.forRequest(app.publicKey(), "GET", URL);

    @Test
    void acceptsAProofForTheRequestAndReportsItsClaims() {
        String proof = PopProof.create(app, "GET", URL + "?wait=25#x", NOW, random);
        PopProof p = verified(proof, forRequest, NOW);
        assertThat(p.method()).isEqualTo("GET");
        assertThat(p.url()).isEqualTo(URL);
        assertThat(p.issuedAt()).isEqualTo(NOW);
        assertThat(p.jti()).hasSize(22);
        assertThat(p.session()).isEmpty();
        assertThat(PopProof.create(app, "GET", URL, NOW, random)).isNotEqualTo(proof); // a fresh jti each time
    }

    @Test
    void theHeaderIsTyped() {
        String proof = PopProof.create(app, "GET", URL, NOW, random);
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(proof.substring(0, proof.indexOf('.')))))
                .isEqualTo("{\"alg\":\"Ed25519\",\"typ\":\"bifrost-pop+jwt\"}");
    }

    @Test
    void aProofForASessionNamesItAndOnlyThatSessionAcceptsIt() {
        String proof = PopProof.createForSession(app, "GET", URL, "session-1", NOW, random);
        PopProof p = verified(proof, PopExpectation.forSession(app.publicKey(), "GET", URL, "session-1"), NOW);
        assertThat(p.session()).contains("session-1");
        assertRefused(proof, PopExpectation.forSession(app.publicKey(), "GET", URL, "session-2"),
                Reason.PROOF_WRONG_SESSION, "another session");
        assertRefused(proof, forRequest, Reason.PROOF_WRONG_SESSION, "another session or to none expected");
        assertRefused(PopProof.create(app, "GET", URL, NOW, random),
                PopExpectation.forSession(app.publicKey(), "GET", URL, "session-1"), Reason.PROOF_WRONG_SESSION,
                "bound to no session");
    }

    @Test
    void malformedProofsAreRefused() {
        String payload = "{\"htm\":\"GET\",\"htu\":\"" + URL + "\",\"iat\":1745830241,\"jti\":\"j1\"}";
        assertThat(verifier.verify(TestData.jws(app, "{\"alg\":\"Ed25519\",\"typ\":\"bifrost-pop+jwt\"}", payload),
                forRequest, NOW).isVerified()).isTrue();
        assertRefused("a.b", forRequest, Reason.PROOF_MALFORMED, "exactly three parts");
        assertRefused(TestData.jws(app, "{\"alg\":\"Ed25519\",\"typ\":\"JWT\"}", payload), forRequest,
                Reason.PROOF_MALFORMED, "typ must be \"bifrost-pop+jwt\"");
        assertRefused(TestData.jws(app, "{\"alg\":\"Ed25519\"}", payload), forRequest, Reason.PROOF_MALFORMED,
                "it is missing");
        assertRefused(TestData.b64("{\"alg\":\"none\",\"typ\":\"bifrost-pop+jwt\"}") + "." + TestData.b64(payload) + ".",
                forRequest, Reason.PROOF_MALFORMED, "alg \"none\" is not accepted");
        String header = "{\"alg\":\"EdDSA\",\"typ\":\"bifrost-pop+jwt\"}";
        assertRefused(TestData.jws(app, header, payload.replace("\"GET\"", "5")), forRequest, Reason.PROOF_MALFORMED,
                "no htm string");
        assertRefused(TestData.jws(app, header, payload.replace(URL, "/api/auth/abc")), forRequest,
                Reason.PROOF_MALFORMED, "htu is not an absolute http(s) URL");
        assertRefused(TestData.jws(app, header, payload.replace("1745830241", "\"1745830241\"")), forRequest,
                Reason.PROOF_MALFORMED, "no iat in whole seconds");
        assertRefused(TestData.jws(app, header, payload.replace("1745830241", "1745830241.5")), forRequest,
                Reason.PROOF_MALFORMED, "no iat in whole seconds");
        for (String extreme : new String[] {"-1", "-9223372036854775808", "9223372036854775807", "253402300800"}) {
            assertRefused(TestData.jws(app, header, payload.replace("1745830241", extreme)), forRequest,
                    Reason.PROOF_MALFORMED, "between 1970 and 9999");
        }
        assertRefused(TestData.jws(app, header, payload.replace("\"j1\"", "\"j 1\"")), forRequest,
                Reason.PROOF_MALFORMED, "jti is not 1..128 printable US-ASCII characters");
        assertRefused(TestData.jws(app, header, payload.replace(",\"jti\":\"j1\"", "")), forRequest,
                Reason.PROOF_MALFORMED, "no jti string");
    }

    @Test
    void aProofByAnotherKeyIsRefused() {
        String proof = PopProof.create(TestData.keyPair(3), "GET", URL, NOW, random);
        assertRefused(proof, forRequest, Reason.PROOF_BAD_SIGNATURE, app.publicKey().fingerprint());
    }

    @Test
    void aProofForAnotherMethodIsRefused() {
        assertRefused(PopProof.create(app, "POST", URL, NOW, random), forRequest, Reason.PROOF_WRONG_METHOD,
                "the proof is for \"POST\", the request is \"GET\"");
        assertRefused(PopProof.create(app, "get", URL, NOW, random), forRequest, Reason.PROOF_WRONG_METHOD, "get");
    }

    @Test
    void aProofForAnotherUrlIsRefusedButEquivalentSpellingsMatch() {
        assertRefused(PopProof.create(app, "GET", "https://bridge.example/api/auth/abd", NOW, random), forRequest,
                Reason.PROOF_WRONG_URL, "the proof is for \"https://bridge.example/api/auth/abd\"");
        assertRefused(PopProof.create(app, "GET", "http://bridge.example/api/auth/abc", NOW, random), forRequest,
                Reason.PROOF_WRONG_URL, "not for this request's URL");
        assertRefused(PopProof.create(app, "GET", "https://bridge.example:8443/api/auth/abc", NOW, random),
                forRequest, Reason.PROOF_WRONG_URL, "8443");
        String spelledOtherwise = PopProof.create(app, "GET", "HTTPS://Bridge.Example:443/api/./auth/%61bc", NOW, random);
        assertThat(verifier.verify(spelledOtherwise, forRequest, NOW).isVerified()).isTrue();
        assertRefused(PopProof.create(app, "GET", URL, NOW, random),
                PopExpectation.forRequest(app.publicKey(), "GET", "not a url"), Reason.PROOF_WRONG_URL, "URL");
    }

    @Test
    void aProofMadeTooLongAgoOrInTheFutureIsRefused() {
        Duration skew = PopVerifier.DEFAULT_SKEW;
        assertThat(verifier.verify(PopProof.create(app, "GET", URL, NOW.minus(skew), random), forRequest, NOW)
                .isVerified()).isTrue();
        assertThat(verifier.verify(PopProof.create(app, "GET", URL, NOW.plus(skew), random), forRequest, NOW)
                .isVerified()).isTrue();
        assertRefused(PopProof.create(app, "GET", URL, NOW.minus(skew).minusSeconds(1), random), forRequest,
                Reason.PROOF_STALE, "is PT1M1S away from now, more than the proof skew of PT1M");
        assertRefused(PopProof.create(app, "GET", URL, NOW.plus(skew).plusSeconds(1), random), forRequest,
                Reason.PROOF_STALE, "PT1M1S");
        PopVerifier tight = new PopVerifier(Duration.ofSeconds(5));
        assertThat(tight.verify(PopProof.create(app, "GET", URL, NOW.minusSeconds(6), random), forRequest, NOW)
                .isVerified()).isFalse();
    }

    @Test
    void replaysAreTheCallersBusinessTheVerifierAcceptsTheSameProofTwice() {
        String proof = PopProof.create(app, "GET", URL, NOW, random);
        assertThat(verified(proof, forRequest, NOW).jti()).isEqualTo(verified(proof, forRequest, NOW).jti());
    }

    @Test
    void randomDamageToAProofIsAlwaysRefusedWithAReasonNeverThrown() {
        String good = PopProof.createForSession(app, "GET", URL, "s1", NOW, random);
        PopExpectation expected = PopExpectation.forSession(app.publicKey(), "GET", URL, "s1");
        Random damage = new Random(12);
        for (int i = 0; i < 2_000; i++) {
            String s = TestData.damage(good, damage, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
            Verification<PopProof> v = verifier.verify(s, expected, NOW);
            assertThat(v.isVerified()).as(s).isEqualTo(s.equals(good));
        }
    }

    @Test
    void creatingRefusesWhatCouldNotBeVerified() {
        assertThatThrownBy(() -> PopProof.create(app, "GET", "/relative", NOW, random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an absolute http(s) URL");
        assertThatThrownBy(() -> PopProof.create(app, "", URL, NOW, random)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PopProof.createForSession(app, "GET", URL, "a b", NOW, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PopVerifier(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private PopProof verified(String proof, PopExpectation expected, Instant now) {
        Verification<PopProof> v = verifier.verify(proof, expected, now);
        assertThat(v).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified<PopProof>) v).value();
    }

    private void assertRefused(String proof, PopExpectation expected, Reason reason, String detailPart) {
        Verification<PopProof> v = verifier.verify(proof, expected, NOW);
        assertThat(v).as(proof).isInstanceOf(Verification.Refused.class);
        Verification.Refused<PopProof> refused = (Verification.Refused<PopProof>) v;
        assertThat(refused.reason()).as(refused.detail()).isEqualTo(reason);
        assertThat(refused.detail()).contains(detailPart);
    }
}
