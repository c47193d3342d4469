package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.encoding.Base64Url;
import dev.turnpike.bifrost.encoding.EncodingException;

/**
 * A renew token: what the application sends to an API in place of its delegation token once it holds a
 * {@link RenewCertificate}. Compact JWS signed by the delegated key, header
 * {@code {"alg":"Ed25519","typ":"JWT","tkt":"renew"}}, payload {@code {"cert":"<the certificate, compact>"}}; it is
 * valid as long as its certificate. Verified by {@link RenewVerifier}.
 */
public final class RenewToken {
    static final String TYPE = "renew";
    static final String CERTIFICATE = "cert";

    private RenewToken() {}

    /** Wraps {@code certificate} as the application does, signed with its delegated key. */
    public static String sign(Ed25519KeyPair delegatedKey, String certificate) {
        return Jws.sign(delegatedKey, JwsAlgorithm.ED25519, DelegationToken.TYPE,
                Json.newObject().put(RenewCertificate.TYPE_CLAIM, TYPE), Json.newObject().put(CERTIFICATE, certificate));
    }

    /**
     * Whether {@code compact} says it is a renew token (its header's {@code tkt} is {@code renew}), by reading the
     * header alone: which verifier to ask. Anything unreadable is not one (the token verifier then says why).
     */
    public static boolean isRenewToken(String compact) {
        int dot = compact.indexOf('.');
        if (dot <= 0 || dot > 1024) {
            return false;
        }
        try {
            JsonNode tkt = Json.parseObject(Base64Url.decode(compact.substring(0, dot), 1024), "header")
                    .get(RenewCertificate.TYPE_CLAIM);
            return tkt != null && TYPE.equals(tkt.textValue());
        } catch (EncodingException | Json.JsonException e) {
            return false;
        }
    }
}
