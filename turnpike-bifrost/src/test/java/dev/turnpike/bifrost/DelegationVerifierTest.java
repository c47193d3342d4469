package dev.turnpike.bifrost;

import static dev.turnpike.bifrost.TokenFixture.HEADER;
import static dev.turnpike.bifrost.TokenFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.encoding.Base58;
import dev.turnpike.bifrost.encoding.Base64Url;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DelegationVerifierTest {
    private final TokenFixture f = new TokenFixture();
    private final DelegationVerifier verifier = DelegationVerifier.withDefaults();

    @Test
    void acceptsTheWalletsTokenAndReportsWhatItSays() {
        String compact = f.token();
        DelegationToken token = verified(compact);
        assertThat(token.compact()).isEqualTo(compact);
        assertThat(token.issuer()).isEqualTo(f.wallet.publicKey());
        assertThat(token.delegatedKey()).isEqualTo(f.app.publicKey());
        assertThat(token.created()).isEqualTo(NOW);
        assertThat(token.expiration()).isEqualTo(Instant.parse("2025-04-28T20:50:41Z"));
        assertThat(token.lifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(token.attributes()).isEqualTo(f.request.attributes());
        assertThat(token.algorithm()).isEqualTo(JwsAlgorithm.ED25519);
        assertThat(compact.substring(0, compact.indexOf('.'))).isEqualTo(TestData.b64(HEADER));
    }

    @Test
    void acceptsWhatJavaScriptWalletsWrite() {
        // EdDSA (RFC 8037), milliseconds, no typ, other claims, other member order, spaces: all signed as received
        String compact = TestData.jws(f.wallet, "{ \"typ\" : \"jwt\", \"alg\" : \"EdDSA\", \"kid\": \"k1\" }",
                "{\"iat\": 1745830241, \"attributes\": " + f.request.attributes().toJson() + ", \"delegatedKey\": \""
                        + f.app.publicKey() + "\", \"issuer\": \"" + f.wallet.publicKey()
                        + "\", \"expiration\": \"2025-04-28T20:50:41.000Z\", \"created\": \"2025-04-28T08:50:41.512Z\"}");
        DelegationToken token = verified(compact);
        assertThat(token.algorithm()).isEqualTo(JwsAlgorithm.EDDSA);
        assertThat(token.created()).isEqualTo(NOW.plusMillis(512));
        assertThat(verified(TestData.jws(f.wallet, "{\"alg\":\"Ed25519\"}", f.payload().toString()))).isNotNull();
        assertThat(verified(DelegationToken.sign(JwsAlgorithm.EDDSA, f.wallet, f.app.publicKey(),
                f.request.attributes(), NOW, NOW.plusSeconds(60))).algorithm()).isEqualTo(JwsAlgorithm.EDDSA);
    }

    @Test
    void malformedFramingIsRefused() {
        String good = f.token();
        String[] parts = good.split("\\.");
        assertRefused("", Reason.MALFORMED, "exactly three parts");
        assertRefused(parts[0] + "." + parts[1], Reason.MALFORMED, "exactly three parts");
        assertRefused(good + ".x", Reason.MALFORMED, "exactly three parts");
        assertRefused("." + parts[1] + "." + parts[2], Reason.MALFORMED, "the header part is empty");
        assertRefused(parts[0] + "==." + parts[1] + "." + parts[2], Reason.MALFORMED, "invalid base64url character '='");
        assertRefused(parts[0] + ".a b." + parts[2], Reason.MALFORMED, "invalid base64url character U+0020");
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(4), Reason.MALFORMED,
                "the signature has 61 bytes, not 64");
        assertRefused(parts[0] + "." + "e".repeat(Jws.MAX_LENGTH) + "." + parts[2], Reason.MALFORMED,
                "longer than 8192 characters");
    }

    @Test
    void malformedHeadersAreRefused() {
        assertRefused(f.token("not json", p -> { }), Reason.MALFORMED, "header is not valid JSON");
        assertRefused(f.token("[\"Ed25519\"]", p -> { }), Reason.MALFORMED, "header is not a JSON object");
        assertRefused(f.token("{\"typ\":\"JWT\"}", p -> { }), Reason.MALFORMED, "the header has no alg string");
        assertRefused(f.token("{\"alg\":\"Ed25519\",\"alg\":\"none\"}", p -> { }), Reason.MALFORMED,
                "Duplicate field 'alg'");
        assertRefused(f.token("{\"alg\":\"Ed25519\",\"crit\":[\"exp\"],\"exp\":1}", p -> { }), Reason.MALFORMED,
                "the header has crit");
        assertRefused(f.token("{\"alg\":\"Ed25519\",\"b64\":false}", p -> { }), Reason.MALFORMED, "b64");
        assertRefused(f.token("{\"alg\":\"Ed25519\",\"typ\":\"bifrost-pop+jwt\"}", p -> { }), Reason.MALFORMED,
                "the header's typ must be \"JWT\", not \"bifrost-pop+jwt\"");
        assertRefused(f.token("{\"alg\":\"Ed25519\",\"typ\":7}", p -> { }), Reason.MALFORMED, "not a NUMBER");
        assertRefused(TestData.jws(f.wallet, HEADER, "{\"created\": \u0000}"), Reason.MALFORMED,
                "payload is not valid JSON");
    }

    @Test
    void malformedClaimsAreRefused() {
        assertRefused(f.tokenWith(p -> p.remove("created")), Reason.MALFORMED, "the payload has no created string");
        assertRefused(f.tokenWith(p -> p.put("expiration", 1745830241)), Reason.MALFORMED, "no expiration string");
        assertRefused(f.tokenWith(p -> p.remove("issuer")), Reason.MALFORMED, "the payload has no issuer string");
        assertRefused(f.tokenWith(p -> p.remove("delegatedKey")), Reason.MALFORMED, "no delegatedKey string");
        assertRefused(f.tokenWith(p -> p.put("attributes", "{}")), Reason.MALFORMED, "no attributes object");
        for (String time : new String[] {"2025-04-28 08:50:41Z", "2025-04-28T08:50:41", "2025-04-28T08:50:41+00:00",
                "2025-04-28T08:50:41z", "2025-13-28T08:50:41Z", "2025-04-28T08:50:41.0000000001Z", "1745830241"}) {
            assertRefused(f.tokenWith(p -> p.put("created", time)), Reason.MALFORMED, "is not an ISO-8601 UTC time");
        }
        assertRefused(f.tokenWith(p -> p.put("delegatedKey", "0OIl")), Reason.MALFORMED, "delegatedKey: public key is"
                + " not base58");
    }

    @Test
    void otherAlgorithmsAreRefusedAsSuchBeforeAnythingElse() {
        String payload = TestData.b64(f.payload().toString());
        for (String alg : new String[] {"none", "None", "HS256", "RS256", "ES256", "PS256", "ed25519", "EDDSA", ""}) {
            String header = TestData.b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
            assertRefused(header + "." + payload + ".", Reason.UNSUPPORTED_ALGORITHM,
                    "alg \"" + alg + "\" is not accepted: only Ed25519 (RFC 9864) and EdDSA (RFC 8037)");
            assertRefused(header + ".e30." + Base64Url.encode(new byte[32]), Reason.UNSUPPORTED_ALGORITHM, alg);
        }
    }

    @Test
    void anIssuerThatIsNoValidKeyIsRefused() {
        assertRefused(f.tokenWith(p -> p.put("issuer", "not-base58!")), Reason.INVALID_ISSUER_KEY, "issuer: public key"
                + " is not base58");
        assertRefused(f.tokenWith(p -> p.put("issuer", Base58.encode(new byte[31]))), Reason.INVALID_ISSUER_KEY,
                "32 bytes, not 31");
        byte[] identity = new byte[32];
        identity[0] = 1;
        assertRefused(f.tokenWith(p -> p.put("issuer", Base58.encode(identity))), Reason.INVALID_ISSUER_KEY,
                "not a valid Ed25519 public key");
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        Ed25519KeyPair thief = TestData.keyPair(666);
        String forged = TestData.jws(thief, HEADER, f.payload().toString());
        assertRefused(forged, Reason.BAD_SIGNATURE, "not the issuer's (" + f.wallet.publicKey().fingerprint() + ")");
    }

    @Test
    void theSignatureCoversTheReceivedBytesNotARe_serialization() {
        String[] parts = f.token().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String sameJsonOtherBytes = TestData.b64(" " + payload);
        assertRefused(parts[0] + "." + sameJsonOtherBytes + "." + parts[2], Reason.BAD_SIGNATURE, "signature");
        String otherHeaderBytes = TestData.b64("{\"typ\":\"JWT\",\"alg\":\"Ed25519\"}");
        assertRefused(otherHeaderBytes + "." + parts[1] + "." + parts[2], Reason.BAD_SIGNATURE, "signature");
        String changedClaim = TestData.b64(payload.replace("20:50:41", "23:50:41"));
        assertRefused(parts[0] + "." + changedClaim + "." + parts[2], Reason.BAD_SIGNATURE, "signature");
    }

    @Test
    void signedAttributesThatBreakTheRulesAreRefused() {
        assertRefused(f.tokenWithAttributes(a -> a.put("name", "Test\u202EApplication")), Reason.ATTRIBUTES_INVALID,
                "attributes.name contains a bidirectional formatting character");
        assertRefused(f.tokenWithAttributes(a -> a.putArray("permissions")), Reason.ATTRIBUTES_INVALID,
                "attributes.permissions is not a JSON object");
    }

    @Test
    void aTokenForAnotherApplicationKeyIsRefused() {
        Ed25519KeyPair other = TestData.keyPair(3);
        assertRefused(f.tokenWith(p -> p.put("delegatedKey", other.publicKey().toBase58())),
                Reason.WRONG_DELEGATED_KEY, "delegates to " + other.publicKey().fingerprint());
    }

    @Test
    void aTokenWithAnotherNonceIsRefused() {
        assertRefused(f.tokenWithAttributes(a -> a.put("nonce", "abc123")), Reason.NONCE_MISMATCH,
                "the token's nonce is not the session's");
        assertRefused(f.tokenWithAttributes(a -> a.remove("nonce")), Reason.NONCE_MISMATCH, "have no nonce");
    }

    @Test
    void aChangedNameIsRefused() {
        assertRefused(f.tokenWithAttributes(a -> a.put("name", "Sourceful Official")), Reason.NAME_CHANGED,
                "\"Sourceful Official\" differs from the requested \"Test Application\"");
        assertRefused(f.tokenWithAttributes(a -> a.remove("name")), Reason.NAME_CHANGED, "(none)");
    }

    @Test
    void widenedPermissionsAreRefusedAndNarrowedOnesAccepted() {
        assertRefused(f.tokenWithAttributes(a -> ((ObjectNode) a.get("permissions")).withArray("scopes")
                .add("write:meter")), Reason.PERMISSIONS_WIDENED, "permissions.scopes holds a scope that was not");
        assertRefused(f.tokenWithAttributes(a -> a.remove("permissions")), Reason.PERMISSIONS_WIDENED,
                "the token has no permissions, the request had some");
        DelegationToken narrowed = verified(f.tokenWithAttributes(a -> ((ObjectNode) a.get("permissions"))
                .withArray("scopes").remove(1)));
        assertThat(narrowed.attributes().permissions().orElseThrow().scopes().orElseThrow())
                .containsExactly("read:meter");
    }

    @Test
    void otherAttributesMayNotBeAddedOrChanged() {
        assertRefused(f.tokenWithAttributes(a -> a.put("admin", true)), Reason.ATTRIBUTES_CHANGED,
                "attributes other than name, nonce and permissions were added, removed or changed");
    }

    @Test
    void aTokenThatExpiresBeforeItIsCreatedIsRefused() {
        assertRefused(f.tokenAt(NOW, Duration.ZERO), Reason.EXPIRATION_NOT_AFTER_CREATED,
                "expiration 2025-04-28T08:50:41Z is not after created 2025-04-28T08:50:41Z");
        assertRefused(f.tokenAt(NOW, Duration.ofSeconds(-1)), Reason.EXPIRATION_NOT_AFTER_CREATED, "not after");
    }

    @Test
    void lifetimesBeyondTheMaximumOrTheTokensOwnExpiresInAreRefused() {
        assertRefused(f.tokenAt(NOW, Duration.ofHours(12).plusSeconds(1)), Reason.LIFETIME_TOO_LONG,
                "longer than the maximum PT12H");
        assertThat(verified(f.tokenAt(NOW, Duration.ofHours(12)))).isNotNull();
        DelegationVerifier strict = new DelegationVerifier(new TimePolicy(Duration.ofMinutes(2), Duration.ofHours(1)));
        assertThat(strict.verify(f.tokenAt(NOW, Duration.ofHours(2)), f.request, NOW))
                .isEqualTo(new Verification.Refused<>(Reason.LIFETIME_TOO_LONG,
                        "the token lives PT2H, longer than the maximum PT1H"));
        String shortTtl = f.tokenWith(p -> ((ObjectNode) p.get("attributes").get("permissions")).put("expires_in", 60));
        assertRefused(shortTtl, Reason.LIFETIME_TOO_LONG, "longer than its permissions.expires_in of 60 s");
    }

    @Test
    void createdMustBeNowWithinTheSkew() {
        Duration skew = TimePolicy.DEFAULT_CLOCK_SKEW;
        assertThat(verified(f.tokenAt(NOW.minus(skew), Duration.ofHours(1)))).isNotNull();
        assertThat(verified(f.tokenAt(NOW.plus(skew), Duration.ofHours(1)))).isNotNull();
        assertRefused(f.tokenAt(NOW.minus(skew).minusSeconds(1), Duration.ofHours(1)), Reason.CREATED_OUT_OF_SKEW,
                "is PT2M1S away from now");
        assertRefused(f.tokenAt(NOW.plus(skew).plusSeconds(1), Duration.ofHours(1)), Reason.CREATED_OUT_OF_SKEW,
                "more than the clock skew of PT2M");
        DelegationVerifier tight = new DelegationVerifier(new TimePolicy(Duration.ofSeconds(5), Duration.ofHours(12)));
        assertThat(tight.verify(f.tokenAt(NOW.minusSeconds(6), Duration.ofHours(1)), f.request, NOW).isVerified())
                .isFalse();
    }

    @Test
    void aTokenAlreadyExpiredAtApprovalIsRefused() {
        assertRefused(f.tokenAt(NOW.minusSeconds(100), Duration.ofSeconds(100)), Reason.EXPIRED,
                "expiration 2025-04-28T08:50:41Z is not after now");
    }

    @Test
    void theFirstFailingStepDecides() {
        // every one of these also fails later steps
        String nonePayloadBroken = TestData.b64("{\"alg\":\"none\"}") + ".bm90IGpzb24.";
        assertRefused(nonePayloadBroken, Reason.UNSUPPORTED_ALGORITHM, "none");
        Ed25519KeyPair thief = TestData.keyPair(666);
        ObjectNode wrongEverything = f.payload().put("delegatedKey", thief.publicKey().toBase58())
                .put("expiration", "2025-04-28T08:50:41Z");
        assertRefused(TestData.jws(thief, HEADER, wrongEverything.toString()), Reason.BAD_SIGNATURE, "signature");
        assertRefused(f.tokenWith(p -> {
            p.put("delegatedKey", thief.publicKey().toBase58());
            ((ObjectNode) p.get("attributes")).put("nonce", "other").put("name", "other");
        }), Reason.WRONG_DELEGATED_KEY, "delegates");
        assertRefused(f.tokenWith(p -> {
            ((ObjectNode) p.get("attributes")).put("nonce", "other").put("name", "other");
            p.put("created", "2020-01-01T00:00:00Z");
        }), Reason.NONCE_MISMATCH, "nonce");
        assertRefused(f.tokenWith(p -> p.put("created", "2020-01-01T00:00:00Z").put("expiration", "2020-01-01T00:00:00Z")),
                Reason.EXPIRATION_NOT_AFTER_CREATED, "not after");
    }

    @Test
    void randomDamageToATokenIsAlwaysRefusedWithAReasonNeverThrown() {
        String good = f.token();
        Random random = new Random(11);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        for (int i = 0; i < 3_000; i++) {
            String s = TestData.damage(good, random, alphabet);
            Verification<DelegationToken> v = verifier.verify(s, f.request, NOW);
            if (!s.equals(good)) {
                assertThat(v).as(s).isInstanceOf(Verification.Refused.class);
                assertThat(((Verification.Refused<DelegationToken>) v).detail()).doesNotContain(good);
            }
        }
    }

    @Test
    void theTokenIsACredentialAndStaysOutOfToString() {
        DelegationToken token = verified(f.token());
        assertThat(token.toString()).doesNotContain(token.compact()).doesNotContain(token.compact().split("\\.")[2])
                .contains(f.wallet.publicKey().fingerprint()).contains("Test Application");
    }

    @Test
    void aRememberedIssuerStillHasEverySignatureChecked() {
        verified(f.token()); // the wallet's key is now remembered as valid
        String[] parts = f.token().split("\\.");
        String otherPayload = TestData.b64(f.payload().put("expiration", "2025-04-28T09:50:41Z").toString());
        assertRefused(parts[0] + "." + otherPayload + "." + parts[2], Reason.BAD_SIGNATURE, "not the issuer's");
        assertThat(verified(f.token()).issuer()).isEqualTo(f.wallet.publicKey());
    }

    private DelegationToken verified(String compact) {
        Verification<DelegationToken> v = verifier.verify(compact, f.request, NOW);
        assertThat(v).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified<DelegationToken>) v).value();
    }

    private void assertRefused(String compact, Reason reason, String detailPart) {
        Verification<DelegationToken> v = verifier.verify(compact, f.request, NOW);
        assertThat(v).as(compact).isInstanceOf(Verification.Refused.class);
        Verification.Refused<DelegationToken> refused = (Verification.Refused<DelegationToken>) v;
        assertThat(refused.reason()).as(refused.detail()).isEqualTo(reason);
        assertThat(refused.detail()).contains(detailPart);
    }
}
