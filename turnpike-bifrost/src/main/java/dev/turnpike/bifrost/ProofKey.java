package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.encoding.Base64Url;
import dev.turnpike.bifrost.encoding.EncodingException;
import java.util.Arrays;

/**
 * The {@code jwk} header of a DPoP proof (RFC 9449 section 4.2, RFC 8037 section 2): an OKP Ed25519 public key
 * {@code {"kty":"OKP","crv":"Ed25519","x":"<base64url of 32 bytes>"}}, never with its private part {@code d}. The
 * key it names must be the one expected; the signature is then checked with the expected key.
 */
final class ProofKey {
    private static final int MAX_X_LENGTH = 64;

    private ProofKey() {}

    /** {@link Reason#PROOF_MALFORMED} for a missing or wrong {@code jwk}, {@link Reason#PROOF_WRONG_KEY} for another key. */
    static void check(ObjectNode header, Ed25519PublicKey expected) throws Refusal {
        JsonNode jwk = header.get(PopProof.JWK);
        if (jwk == null || !jwk.isObject()) {
            throw malformed("the header has no jwk object");
        }
        if (jwk.has("d")) {
            throw malformed("the jwk holds a private key (d)");
        }
        if (!text(jwk, "kty").equals("OKP") || !text(jwk, "crv").equals("Ed25519")) {
            throw malformed("the jwk is not an OKP Ed25519 key");
        }
        String x = text(jwk, "x");
        byte[] key;
        try {
            key = x.length() > MAX_X_LENGTH ? null : Base64Url.decode(x, MAX_X_LENGTH);
        } catch (EncodingException e) {
            key = null;
        }
        if (key == null || key.length != Ed25519PublicKey.LENGTH) {
            throw malformed("the jwk's x is not " + Ed25519PublicKey.LENGTH + " bytes of base64url");
        }
        if (!Arrays.equals(key, expected.toBytes())) {
            throw new Refusal(Reason.PROOF_WRONG_KEY, "the proof's jwk is not the delegated key "
                    + expected.fingerprint());
        }
    }

    private static String text(JsonNode jwk, String member) {
        JsonNode node = jwk.get(member);
        return node != null && node.isTextual() ? node.textValue() : "";
    }

    private static Refusal malformed(String detail) {
        return new Refusal(Reason.PROOF_MALFORMED, detail);
    }
}
