package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Json.JsonException;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.encoding.Base64Url;
import dev.turnpike.bifrost.encoding.EncodingException;
import java.nio.charset.StandardCharsets;

/**
 * Compact JWS (RFC 7515) with Ed25519 signatures only, read strictly: three base64url parts without padding, at
 * most {@value #MAX_LENGTH} characters, header and payload bounded JSON objects without duplicate keys, {@code alg}
 * {@code Ed25519} or {@code EdDSA}, no {@code crit} (no extension is understood) and no {@code b64}, a 64-byte
 * signature. The signature is checked over the header and payload exactly as received, never re-serialized. Other
 * header members ({@code kid}, {@code jwk}, …) are left to the caller: keys never come from the header (a DPoP
 * proof's {@code jwk} is only compared with the key the verifier expects).
 */
final class Jws {
    static final int MAX_LENGTH = 8192;
    /** Longest JWS that holds another (a renew certificate holds the token, a renew token the certificate). */
    static final int MAX_NESTING_LENGTH = 16384;

    private Jws() {}

    /**
     * A compact JWS that has been read but not verified.
     *
     * @param header       the header, e.g. for a DPoP proof's {@code jwk}
     * @param signingInput the ASCII bytes of {@code header.payload} as received
     */
    record Parsed(JwsAlgorithm algorithm, ObjectNode header, ObjectNode payload, byte[] signingInput,
            byte[] signature) {
        boolean isSignedBy(Ed25519PublicKey key) {
            return key.verify(signingInput, signature);
        }
    }

    /**
     * Reads {@code compact}. Fails with {@link Reason#UNSUPPORTED_ALGORITHM} for another {@code alg}, checked as soon
     * as the header is read, and with {@link Reason#MALFORMED} for everything else.
     *
     * @param type         the expected {@code typ}, compared case-insensitively
     * @param typeRequired whether {@code typ} must be present; if not, it may be absent but never different
     */
    static Parsed parse(String compact, String type, boolean typeRequired) throws Refusal {
        return parse(compact, type, typeRequired, MAX_LENGTH);
    }

    /** As {@link #parse(String, String, boolean)}, for a JWS of up to {@code maxLength} characters. */
    static Parsed parse(String compact, String type, boolean typeRequired, int maxLength) throws Refusal {
        if (compact.length() > maxLength) {
            throw malformed("the JWS is longer than " + maxLength + " characters");
        }
        int firstDot = compact.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : compact.indexOf('.', firstDot + 1);
        if (secondDot < 0 || compact.indexOf('.', secondDot + 1) >= 0) {
            throw malformed("a compact JWS has exactly three parts separated by '.'");
        }
        ObjectNode header = jsonPart(compact.substring(0, firstDot), "header", maxLength);
        JwsAlgorithm algorithm = algorithm(header);
        checkHeader(header, type, typeRequired);
        byte[] signature = decode(compact.substring(secondDot + 1), "signature", MAX_LENGTH);
        if (signature.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
            throw malformed("the signature has " + signature.length + " bytes, not "
                    + Ed25519PublicKey.SIGNATURE_LENGTH);
        }
        ObjectNode payload = jsonPart(compact.substring(firstDot + 1, secondDot), "payload", maxLength);
        byte[] signingInput = compact.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
        return new Parsed(algorithm, header, payload, signingInput, signature);
    }

    /** Signs {@code payload} as a compact JWS with header {@code {"alg":…,"typ":…}}. */
    static String sign(Ed25519KeyPair key, JwsAlgorithm algorithm, String type, ObjectNode payload) {
        return sign(key, algorithm, type, Json.newObject(), payload);
    }

    /** As {@link #sign(Ed25519KeyPair, JwsAlgorithm, String, ObjectNode)}, with {@code more} header members after. */
    static String sign(Ed25519KeyPair key, JwsAlgorithm algorithm, String type, ObjectNode more, ObjectNode payload) {
        ObjectNode header = Json.newObject().put("alg", algorithm.jwsName()).put("typ", type);
        header.setAll(more);
        String signingInput = Base64Url.encode(Json.toBytes(header)) + "." + Base64Url.encode(Json.toBytes(payload));
        byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64Url.encode(signature);
    }

    /** Checked before anything else is read, so that {@code none}, HS256 or RS256 tokens are named as such. */
    private static JwsAlgorithm algorithm(ObjectNode header) throws Refusal {
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw malformed("the header has no alg string");
        }
        return JwsAlgorithm.ofJwsName(alg.textValue()).orElseThrow(() -> new Refusal(Reason.UNSUPPORTED_ALGORITHM,
                "alg " + Texts.quote(alg.textValue())
                        + " is not accepted: only Ed25519 (RFC 9864) and EdDSA (RFC 8037)"));
    }

    private static void checkHeader(ObjectNode header, String type, boolean typeRequired) throws Refusal {
        if (header.has("crit")) {
            throw malformed("the header has crit, but no JWS extension is understood here");
        }
        if (header.has("b64")) {
            throw malformed("the header has b64 (RFC 7797), which is not supported");
        }
        JsonNode typ = header.get("typ");
        if (typ == null ? typeRequired : !typ.isTextual() || !typ.textValue().equalsIgnoreCase(type)) {
            throw malformed("the header's typ must be " + Texts.quote(type) + (typ == null ? ", it is missing"
                    : typ.isTextual() ? ", not " + Texts.quote(typ.textValue()) : ", not a " + typ.getNodeType()));
        }
    }

    private static ObjectNode jsonPart(String part, String what, int maxLength) throws Refusal {
        try {
            byte[] json = decode(part, what, maxLength);
            return maxLength > MAX_LENGTH ? Json.parseBody(json, what) : Json.parseObject(json, what);
        } catch (JsonException e) {
            throw malformed(e.getMessage());
        }
    }

    private static byte[] decode(String part, String what, int maxLength) throws Refusal {
        if (part.isEmpty()) {
            throw malformed("the " + what + " part is empty");
        }
        try {
            return Base64Url.decode(part, maxLength);
        } catch (EncodingException e) {
            throw malformed("the " + what + " part: " + e.getMessage());
        }
    }

    private static Refusal malformed(String detail) {
        return new Refusal(Reason.MALFORMED, detail);
    }
}
