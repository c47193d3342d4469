package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.encoding.Base64Url;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both kinds of proof: DPoP proofs of API requests (RFC 9449) and the bridge's session proofs. */
class PopVerifierTest {
    private static final Instant NOW = Instant.parse("2025-04-28T08:50:41Z");
    private static final String URL = "https://api.example/sites/s1/meters";
    private static final String TOKEN = "header.payload.signature";
    private final Ed25519KeyPair app = TestData.keyPair(2);
    private final SecureRandom random = TestData.seededRandom(5);
    private final PopVerifier verifier = PopVerifier.withDefaults(replays());
    private final PopExpectation forToken = PopExpectation.forToken(app.publicKey(),
            PopExpectation.accessTokenHash(TOKEN), "GET", URL);

    private static ReplayCache replays() {
        return new InMemoryReplayCache(1000, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String dpop(Ed25519KeyPair key, String method, String url, Instant at) {
        return PopProof.createDpop(key, method, url, TOKEN, at, random);
    }

    @Test
    void acceptsADpopProofForTheRequestAndReportsItsClaims() {
        String proof = dpop(app, "GET", URL + "?page=2#x", NOW);
        PopProof p = verified(proof, forToken);
        assertThat(p.method()).isEqualTo("GET");
        assertThat(p.url()).isEqualTo(URL);
        assertThat(p.issuedAt()).isEqualTo(NOW);
        assertThat(p.jti()).hasSize(22);
        assertThat(p.session()).isEmpty();
        assertThat(dpop(app, "GET", URL, NOW)).isNotEqualTo(proof); // a fresh jti each time
    }

    @Test
    void aDpopProofHasTheHeaderAndClaimsOfRfc9449() {
        String proof = dpop(app, "GET", URL, NOW);
        String[] parts = proof.split("\\.");
        assertThat(decoded(parts[0])).isEqualTo("{\"alg\":\"EdDSA\",\"typ\":\"dpop+jwt\","
                + "\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Base64Url.encode(app.publicKey().toBytes())
                + "\"}}");
        assertThat(decoded(parts[1])).startsWith("{\"htm\":\"GET\",\"htu\":\"" + URL
                + "\",\"iat\":1745830241,\"jti\":\"").endsWith("\",\"ath\":\"" + PopExpectation.accessTokenHash(TOKEN)
                + "\"}");
        // RFC 9449's example: ath of the token "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
        assertThat(PopExpectation.accessTokenHash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"))
                .isEqualTo("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
    }

    @Test
    void aHandMadeDpopProofWithEitherAlgorithmNameIsAccepted() {
        for (String alg : new String[] {"EdDSA", "Ed25519"}) {
            assertThat(verifier.verify(TestData.jws(app, header(alg, jwk(app)), payload("j-" + alg)), forToken, NOW)
                    .isVerified()).as(alg).isTrue();
        }
    }

    @Test
    void aDpopProofNeedsAnOkpEd25519JwkThatIsTheDelegatedKey() {
        assertRefused(TestData.jws(app, "{\"alg\":\"EdDSA\",\"typ\":\"dpop+jwt\"}", payload("j")), forToken,
                Reason.PROOF_MALFORMED, "no jwk object");
        assertRefused(TestData.jws(app, header("EdDSA", jwk(app).replace("OKP", "EC")), payload("j")), forToken,
                Reason.PROOF_MALFORMED, "not an OKP Ed25519 key");
        assertRefused(TestData.jws(app, header("EdDSA", jwk(app).replace("}", ",\"d\":\"AAAA\"}")), payload("j")),
                forToken, Reason.PROOF_MALFORMED, "private key");
        assertRefused(TestData.jws(app, header("EdDSA", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}"),
                payload("j")), forToken, Reason.PROOF_MALFORMED, "is not 32 bytes");
        Ed25519KeyPair stranger = TestData.keyPair(3);
        assertRefused(dpop(stranger, "GET", URL, NOW), forToken, Reason.PROOF_WRONG_KEY,
                "not the delegated key " + app.publicKey().fingerprint());
        // the delegated key named, another key signing
        assertRefused(TestData.jws(stranger, header("EdDSA", jwk(app)), payload("j")), forToken,
                Reason.PROOF_BAD_SIGNATURE, app.publicKey().fingerprint());
        assertRefused(TestData.jws(app, header("EdDSA", jwk(app)).replace("dpop+jwt", "bifrost-pop+jwt"),
                payload("j")), forToken, Reason.PROOF_MALFORMED, "typ must be \"dpop+jwt\"");
    }

    @Test
    void aDpopProofIsBoundToItsToken() {
        assertRefused(PopProof.createDpop(app, "GET", URL, TOKEN + "x", NOW, random), forToken,
                Reason.PROOF_WRONG_TOKEN, "ath");
        assertRefused(TestData.jws(app, header("EdDSA", jwk(app)), payload("j").replace(",\"ath\":\""
                + PopExpectation.accessTokenHash(TOKEN) + "\"", "")), forToken, Reason.PROOF_MALFORMED, "no ath");
    }

    @Test
    void malformedProofsAreRefused() {
        String header = header("EdDSA", jwk(app));
        String payload = payload("j1");
        assertRefused("a.b", forToken, Reason.PROOF_MALFORMED, "exactly three parts");
        assertRefused(TestData.b64("{\"alg\":\"none\",\"typ\":\"dpop+jwt\"}") + "." + TestData.b64(payload) + ".",
                forToken, Reason.PROOF_MALFORMED, "alg \"none\" is not accepted");
        assertRefused(TestData.jws(app, header.replace("EdDSA", "HS256"), payload), forToken, Reason.PROOF_MALFORMED,
                "alg \"HS256\" is not accepted");
        assertRefused(TestData.jws(app, header, payload.replace("\"GET\"", "5")), forToken, Reason.PROOF_MALFORMED,
                "no htm string");
        assertRefused(TestData.jws(app, header, payload.replace(URL, "/sites/s1/meters")), forToken,
                Reason.PROOF_MALFORMED, "htu is not an absolute http(s) URL");
        assertRefused(TestData.jws(app, header, payload.replace("1745830241", "\"1745830241\"")), forToken,
                Reason.PROOF_MALFORMED, "no iat in whole seconds");
        assertRefused(TestData.jws(app, header, payload.replace("1745830241", "1745830241.5")), forToken,
                Reason.PROOF_MALFORMED, "no iat in whole seconds");
        for (String extreme : new String[] {"-1", "-9223372036854775808", "9223372036854775807", "253402300800"}) {
            assertRefused(TestData.jws(app, header, payload.replace("1745830241", extreme)), forToken,
                    Reason.PROOF_MALFORMED, "between 1970 and 9999");
        }
        assertRefused(TestData.jws(app, header, payload.replace("\"j1\"", "\"j 1\"")), forToken,
                Reason.PROOF_MALFORMED, "jti is not 1..128 printable US-ASCII characters");
        assertRefused(TestData.jws(app, header, payload.replace(",\"jti\":\"j1\"", "")), forToken,
                Reason.PROOF_MALFORMED, "no jti string");
    }

    @Test
    void aProofForAnotherMethodIsRefused() {
        assertRefused(dpop(app, "POST", URL, NOW), forToken, Reason.PROOF_WRONG_METHOD,
                "the proof is for \"POST\", the request is \"GET\"");
        assertRefused(dpop(app, "get", URL, NOW), forToken, Reason.PROOF_WRONG_METHOD, "get");
    }

    @Test
    void aProofForAnotherUrlIsRefusedButEquivalentSpellingsMatch() {
        assertRefused(dpop(app, "GET", "https://api.example/sites/s2/meters", NOW), forToken, Reason.PROOF_WRONG_URL,
                "the proof is for \"https://api.example/sites/s2/mete");
        assertRefused(dpop(app, "GET", "http://api.example/sites/s1/meters", NOW), forToken, Reason.PROOF_WRONG_URL,
                "not for this request's URL");
        assertRefused(dpop(app, "GET", "https://api.example:8443/sites/s1/meters", NOW), forToken,
                Reason.PROOF_WRONG_URL, "8443");
        assertThat(verifier.verify(dpop(app, "GET", "HTTPS://API.Example:443/sites/./s1/%6deters", NOW), forToken, NOW)
                .isVerified()).isTrue();
        assertRefused(dpop(app, "GET", URL, NOW), PopExpectation.forToken(app.publicKey(),
                PopExpectation.accessTokenHash(TOKEN), "GET", "not a url"), Reason.PROOF_WRONG_URL, "URL");
    }

    @Test
    void theWindowIsSixtySecondsBackAndFiveAhead() {
        assertThat(verifier.verify(dpop(app, "GET", URL, NOW.minusSeconds(60)), forToken, NOW).isVerified()).isTrue();
        assertThat(verifier.verify(dpop(app, "GET", URL, NOW.plusSeconds(5)), forToken, NOW).isVerified()).isTrue();
        assertRefused(dpop(app, "GET", URL, NOW.minusSeconds(61)), forToken, Reason.PROOF_STALE,
                "is PT1M1S before now, more than the PT1M accepted");
        assertRefused(dpop(app, "GET", URL, NOW.plusSeconds(6)), forToken, Reason.PROOF_STALE,
                "is PT6S after now, more than the PT5S accepted");
        PopVerifier lenient = new PopVerifier(Duration.ofMinutes(5), Duration.ofMinutes(1), replays());
        assertThat(lenient.verify(dpop(app, "GET", URL, NOW.minusSeconds(290)), forToken, NOW).isVerified()).isTrue();
        assertThat(lenient.verify(dpop(app, "GET", URL, NOW.plusSeconds(50)), forToken, NOW).isVerified()).isTrue();
    }

    @Test
    void aProofIsAcceptedOnceAndAReplayIsRefusedWhileAnotherKeysJtiDoesNotBlockIt() {
        String proof = dpop(app, "GET", URL, NOW);
        String jti = verified(proof, forToken).jti();
        assertRefused(proof, forToken, Reason.PROOF_REPLAYED, "jti \"" + jti + "\" was used before");
        // the same jti under another key is another proof
        Ed25519KeyPair other = TestData.keyPair(4);
        String othersProof = TestData.jws(other, header("EdDSA", jwk(other)), payload(jti));
        assertThat(verifier.verify(othersProof, PopExpectation.forToken(other.publicKey(),
                PopExpectation.accessTokenHash(TOKEN), "GET", URL), NOW).isVerified()).isTrue();
        // refused proofs are not remembered: the same jti in a valid proof still passes
        String wrongMethod = TestData.jws(app, header("EdDSA", jwk(app)), payload("fresh").replace("GET", "PUT"));
        assertRefused(wrongMethod, forToken, Reason.PROOF_WRONG_METHOD, "PUT");
        assertThat(verifier.verify(TestData.jws(app, header("EdDSA", jwk(app)), payload("fresh")), forToken, NOW)
                .isVerified()).isTrue();
    }

    @Test
    void aFullReplayCacheRefusesRatherThanForget() {
        PopVerifier tiny = PopVerifier.withDefaults(new InMemoryReplayCache(1, Clock.fixed(NOW, ZoneOffset.UTC)));
        assertThat(tiny.verify(dpop(app, "GET", URL, NOW), forToken, NOW).isVerified()).isTrue();
        Verification<PopProof> v = tiny.verify(dpop(app, "GET", URL, NOW), forToken, NOW);
        assertThat(v).isEqualTo(new Verification.Refused<PopProof>(Reason.PROOF_REPLAY_UNCHECKED,
                "the replay cache is full"));
    }

    @Test
    void aBridgeProofNamesItsSessionAndOnlyThatSessionAcceptsIt() {
        String proof = PopProof.createForSession(app, "GET", URL, "session-1", NOW, random);
        assertThat(decoded(proof.substring(0, proof.indexOf('.'))))
                .isEqualTo("{\"alg\":\"Ed25519\",\"typ\":\"bifrost-pop+jwt\"}");
        PopProof p = verified(proof, PopExpectation.forSession(app.publicKey(), "GET", URL, "session-1"));
        assertThat(p.session()).contains("session-1");
        assertRefused(PopProof.createForSession(app, "GET", URL, "session-1", NOW, random),
                PopExpectation.forSession(app.publicKey(), "GET", URL, "session-2"), Reason.PROOF_WRONG_SESSION,
                "another session");
        assertRefused(proof, forToken, Reason.PROOF_MALFORMED, "typ must be \"dpop+jwt\"");
        assertRefused(dpop(app, "GET", URL, NOW), PopExpectation.forSession(app.publicKey(), "GET", URL, "session-1"),
                Reason.PROOF_MALFORMED, "typ must be \"bifrost-pop+jwt\"");
        String noSession = TestData.jws(app, "{\"alg\":\"Ed25519\",\"typ\":\"bifrost-pop+jwt\"}",
                "{\"htm\":\"GET\",\"htu\":\"" + URL + "\",\"iat\":1745830241,\"jti\":\"j9\"}");
        assertRefused(noSession, PopExpectation.forSession(app.publicKey(), "GET", URL, "session-1"),
                Reason.PROOF_WRONG_SESSION, "bound to no session");
    }

    @Test
    void aBridgeProofIsKeptToTheSameWindowAndReplayRules() {
        PopExpectation session = PopExpectation.forSession(app.publicKey(), "GET", URL, "s1");
        String proof = PopProof.createForSession(app, "GET", URL, "s1", NOW, random);
        verified(proof, session);
        assertRefused(proof, session, Reason.PROOF_REPLAYED, "was used before");
        assertRefused(PopProof.createForSession(app, "GET", URL, "s1", NOW.plusSeconds(6), random), session,
                Reason.PROOF_STALE, "after now");
        assertRefused(PopProof.createForSession(TestData.keyPair(3), "GET", URL, "s1", NOW, random), session,
                Reason.PROOF_BAD_SIGNATURE, app.publicKey().fingerprint());
    }

    @Test
    void randomDamageToAProofIsAlwaysRefusedWithAReasonNeverThrown() {
        String good = dpop(app, "GET", URL, NOW);
        Random damage = new Random(12);
        for (int i = 0; i < 2_000; i++) {
            String s = TestData.damage(good, damage, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
            Verification<PopProof> v = PopVerifier.withDefaults(replays()).verify(s, forToken, NOW);
            assertThat(v.isVerified()).as(s).isEqualTo(s.equals(good));
        }
    }

    @Test
    void creatingRefusesWhatCouldNotBeVerified() {
        assertThatThrownBy(() -> dpop(app, "GET", "/relative", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an absolute http(s) URL");
        assertThatThrownBy(() -> dpop(app, "", URL, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PopProof.createForSession(app, "GET", URL, "a b", NOW, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PopVerifier(Duration.ofSeconds(-1), Duration.ZERO, replays()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAge must be within");
        assertThatThrownBy(() -> new PopVerifier(Duration.ZERO, Duration.ofDays(2), replays()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAhead must be within");
        assertThatThrownBy(() -> new PopExpectation(app.publicKey(), "GET", URL, Optional.of("s"), Optional.of("h")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }

    private static String decoded(String part) {
        return new String(java.util.Base64.getUrlDecoder().decode(part), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String header(String alg, String jwk) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"dpop+jwt\",\"jwk\":" + jwk + "}";
    }

    private static String jwk(Ed25519KeyPair key) {
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Base64Url.encode(key.publicKey().toBytes()) + "\"}";
    }

    private static String payload(String jti) {
        return "{\"htm\":\"GET\",\"htu\":\"" + URL + "\",\"iat\":1745830241,\"jti\":\"" + jti + "\",\"ath\":\""
                + PopExpectation.accessTokenHash(TOKEN) + "\"}";
    }

    private PopProof verified(String proof, PopExpectation expected) {
        Verification<PopProof> v = verifier.verify(proof, expected, NOW);
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
