package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A wallet's revocation request: made and accepted, and each refusal on its own. */
class RevocationVerifierTest {

    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    static final SecureRandom random = TestData.seededRandom(11);
    static final Ed25519KeyPair wallet = TestData.keyPair(1);
    static final Ed25519KeyPair other = TestData.keyPair(2);
    static final Ed25519KeyPair app = TestData.keyPair(3);

    final RevocationVerifier verifier = new RevocationVerifier(PopVerifier.withDefaults(
            new InMemoryReplayCache(100, Clock.fixed(NOW, ZoneOffset.UTC))));

    static String token(Ed25519KeyPair issuer) {
        return DelegationToken.sign(issuer, app.publicKey(), Attributes.empty(), NOW, NOW.plusSeconds(3600));
    }

    RevocationRequest accepted(String request) {
        Verification<RevocationRequest> v = verifier.verify(request, NOW);
        assertThat(v).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified<RevocationRequest>) v).value();
    }

    void assertRefused(String request, Reason reason, String detail) {
        assertThat(verifier.verify(request, NOW)).isInstanceOfSatisfying(Verification.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.detail()).contains(detail);
        });
    }

    @Test
    void aRequestCarryingTheTokenRevokesItWithTheTokensExpiration() {
        String token = token(wallet);
        RevocationRequest r = accepted(RevocationRequest.sign(wallet, token, NOW, random));
        assertThat(r.issuer()).isEqualTo(wallet.publicKey());
        assertThat(r.tokenHash()).isEqualTo(TokenHash.of(token));
        assertThat(r.expiration()).hasValue(NOW.plusSeconds(3600));
        assertThat(r.created()).isEqualTo(NOW);
    }

    @Test
    void aRequestByHashAloneIsInTheSignersName() {
        TokenHash hash = TokenHash.of(token(other));
        RevocationRequest r = accepted(RevocationRequest.sign(wallet, hash, Optional.empty(), NOW, random));
        assertThat(r.issuer()).isEqualTo(wallet.publicKey());
        assertThat(r.tokenHash()).isEqualTo(hash);
        assertThat(r.expiration()).isEmpty();
        String withExpiry = RevocationRequest.sign(wallet, hash, Optional.of(NOW.plusSeconds(60)), NOW, random);
        assertThat(accepted(withExpiry).expiration()).hasValue(NOW.plusSeconds(60));
    }

    @Test
    void aRequestSignedByAnotherKeyIsRefused() {
        String request = RevocationRequest.sign(wallet, token(wallet), NOW, random);
        String input = request.substring(0, request.lastIndexOf('.'));
        String forged = TestData.jws(other, "{\"alg\":\"Ed25519\",\"typ\":\"JWT\",\"tkt\":\"revoke\"}",
                new String(java.util.Base64.getUrlDecoder().decode(input.substring(input.indexOf('.') + 1)),
                        java.nio.charset.StandardCharsets.UTF_8));
        assertRefused(forged, Reason.BAD_SIGNATURE, "not signed by its issuer");
    }

    @Test
    void aWalletCannotRevokeATokenItDidNotIssue() {
        assertRefused(RevocationRequest.sign(other, token(wallet), NOW, random), Reason.NOT_ISSUER,
                "the token was issued by");
    }

    @Test
    void aStaleOrFutureRequestIsRefused() {
        assertRefused(RevocationRequest.sign(wallet, token(wallet), NOW.minusSeconds(61), random), Reason.PROOF_STALE,
                "created");
        assertRefused(RevocationRequest.sign(wallet, token(wallet), NOW.plusSeconds(6), random), Reason.PROOF_STALE,
                "after now");
    }

    @Test
    void aReplayedRequestIsRefused() {
        String request = RevocationRequest.sign(wallet, token(wallet), NOW, random);
        accepted(request);
        assertRefused(request, Reason.PROOF_REPLAYED, "nonce");
    }

    @Test
    void aTokenOrSomethingElseIsNotARevocationRequest() {
        assertRefused(token(wallet), Reason.MALFORMED, "tkt");
        assertRefused("a.b", Reason.MALFORMED, "three parts");
        String header = "{\"alg\":\"Ed25519\",\"typ\":\"JWT\",\"tkt\":\"revoke\"}";
        assertRefused(TestData.jws(wallet, header, "{\"issuer\":\"" + wallet.publicKey().toBase58()
                + "\",\"token_hash\":\"abc\",\"created\":\"2026-05-01T10:00:00Z\",\"nonce\":\"n\"}"),
                Reason.MALFORMED, "token_hash");
        String hash = TokenHash.of("x").toBase64Url();
        assertRefused(TestData.jws(wallet, header, "{\"issuer\":\"" + wallet.publicKey().toBase58()
                + "\",\"token_hash\":\"" + hash + "\",\"created\":\"2026-05-01T10:00:00Z\",\"nonce\":\"n\","
                + "\"token\":\"y\"}"), Reason.MALFORMED, "not the hash");
        assertRefused(TestData.jws(wallet, header, "{\"issuer\":\"nope\",\"token_hash\":\"" + hash
                + "\",\"created\":\"2026-05-01T10:00:00Z\",\"nonce\":\"n\"}"), Reason.INVALID_ISSUER_KEY, "issuer");
        assertRefused(TestData.jws(wallet, header.replace("Ed25519", "HS256"), "{}"), Reason.UNSUPPORTED_ALGORITHM,
                "HS256");
    }

    @Test
    void tokenHashesReadBackInEachForm() {
        TokenHash h = TokenHash.of("a.b.c");
        assertThat(TokenHash.fromHex(h.toHex())).isEqualTo(h);
        assertThat(TokenHash.fromBase64Url(h.toBase64Url())).isEqualTo(h);
        assertThat(h.toBase64Url()).isEqualTo(PopExpectation.accessTokenHash("a.b.c"));
    }
}
