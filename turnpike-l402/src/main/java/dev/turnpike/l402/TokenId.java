package dev.turnpike.l402;

import java.security.SecureRandom;
import java.util.Arrays;

/** The 32-byte random token id inside an L402 identifier; the handle for revocation. Not secret. */
public final class TokenId {
    private final byte[] bytes;

    private TokenId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless exactly 32 bytes */
    public static TokenId of(byte[] bytes) {
        return new TokenId(Bytes32.checked(bytes, "token id"));
    }

    /** @throws IllegalArgumentException unless exactly 64 hex digits */
    public static TokenId fromHex(String hex) {
        byte[] b = Bytes32.parseHex64(hex);
        if (b == null) {
            throw new IllegalArgumentException("token id must be 64 hex digits");
        }
        return new TokenId(b);
    }

    /** 32 fresh random bytes. */
    public static TokenId random(SecureRandom random) {
        byte[] b = new byte[Bytes32.SIZE];
        random.nextBytes(b);
        return new TokenId(b);
    }

    /** A copy of the 32 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    byte[] ref() {
        return bytes;
    }

    /** Lowercase hex, as aperture's {@code TokenID.String()}. */
    public String toHex() {
        return Bytes32.HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenId t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
