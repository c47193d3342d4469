package dev.turnpike.bifrost;

import java.util.Optional;

/**
 * The two JWS {@code alg} names accepted, both meaning Ed25519 signatures: nothing else is ever accepted ({@code
 * none}, HMAC and RSA names included).
 */
public enum JwsAlgorithm {
    /** {@code Ed25519}, the fully specified name of RFC 9864 (2025), as Bifrost's wallets write it. */
    ED25519("Ed25519"),
    /** {@code EdDSA} of RFC 8037, deprecated by RFC 9864 but the only name many JOSE libraries still know. */
    EDDSA("EdDSA");

    private final String jwsName;

    JwsAlgorithm(String jwsName) {
        this.jwsName = jwsName;
    }

    /** The header value, e.g. {@code Ed25519}. */
    public String jwsName() {
        return jwsName;
    }

    /** The algorithm of a header value, compared case-sensitively as RFC 7515 requires. */
    static Optional<JwsAlgorithm> ofJwsName(String name) {
        for (JwsAlgorithm a : values()) {
            if (a.jwsName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
