package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Sha256;
import dev.turnpike.bifrost.encoding.Base64Url;
import dev.turnpike.bifrost.encoding.EncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of a delegation token's compact text: what names a token without being it (a revocation, the
 * verified-token cache, a DPoP proof's {@code ath}, which is its base64url form). Written as 64 lower-case hex
 * digits on the admin API and as 43 base64url characters in the protocol.
 */
public final class TokenHash {
    /** The length of a hash in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private final int hashCode;

    private TokenHash(byte[] bytes) {
        this.bytes = bytes;
        this.hashCode = Arrays.hashCode(bytes);
    }

    /** The hash of {@code compactToken} (its US-ASCII text, exactly as sent). */
    public static TokenHash of(String compactToken) {
        return new TokenHash(Sha256.hash(Objects.requireNonNull(compactToken, "compactToken")
                .getBytes(StandardCharsets.US_ASCII)));
    }

    /** @throws IllegalArgumentException unless {@code bytes} has {@value #LENGTH} bytes */
    public static TokenHash fromBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a token hash has " + LENGTH + " bytes, not " + bytes.length);
        }
        return new TokenHash(bytes.clone());
    }

    /** @throws IllegalArgumentException unless {@code hex} is 64 hex digits */
    public static TokenHash fromHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a token hash is " + 2 * LENGTH + " hex digits");
        }
        return new TokenHash(HexFormat.of().parseHex(hex));
    }

    /** @throws IllegalArgumentException unless {@code text} is the unpadded base64url of {@value #LENGTH} bytes */
    public static TokenHash fromBase64Url(String text) {
        try {
            return fromBytes(Base64Url.decode(text, 43));
        } catch (EncodingException e) {
            throw new IllegalArgumentException("a token hash is 43 base64url characters: " + e.getMessage(), e);
        }
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** The form of a DPoP proof's {@code ath}. */
    public String toBase64Url() {
        return Base64Url.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenHash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
