package dev.turnpike.l402;

import java.security.SecureRandom;

/**
 * The 32-byte random token id inside an L402 identifier; the handle for revocation. Not secret. Its hex form is
 * aperture's {@code TokenID.String()}.
 */
public final class TokenId extends Bytes32 {
    private TokenId(byte[] bytes) {
        super(bytes);
    }

    /** @throws IllegalArgumentException unless exactly 32 bytes */
    public static TokenId of(byte[] bytes) {
        return new TokenId(checked(bytes, "token id"));
    }

    /** @throws IllegalArgumentException unless exactly 64 hex digits */
    public static TokenId fromHex(String hex) {
        return new TokenId(checkedHex(hex, "token id"));
    }

    /** 32 fresh random bytes. */
    public static TokenId random(SecureRandom random) {
        byte[] b = new byte[SIZE];
        random.nextBytes(b);
        return new TokenId(b);
    }
}
