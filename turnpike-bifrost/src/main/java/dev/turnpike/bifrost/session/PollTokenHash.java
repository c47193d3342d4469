package dev.turnpike.bifrost.session;

import dev.turnpike.bifrost.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * SHA-256 of a {@link PollToken}: what a session store keeps, so that a leaked store reveals no usable token.
 * {@link #matches} compares in constant time.
 */
public final class PollTokenHash {
    private static final int LENGTH = 32;

    private final byte[] hash;

    private PollTokenHash(byte[] hash) {
        this.hash = hash;
    }

    static PollTokenHash of(PollToken token) {
        return new PollTokenHash(Sha256.hash(token.reveal().getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * A hash read back from a store.
     *
     * @throws IllegalArgumentException if not 64 hex digits
     */
    public static PollTokenHash fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a poll token hash is " + 2 * LENGTH + " hex digits");
        }
        return new PollTokenHash(bytes);
    }

    /** Whether {@code token} is the token this is the hash of; constant-time. */
    public boolean matches(PollToken token) {
        return MessageDigest.isEqual(hash, of(Objects.requireNonNull(token, "token")).hash);
    }

    /** Lower-case hex, for the store. */
    public String toHex() {
        return HexFormat.of().formatHex(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PollTokenHash other && MessageDigest.isEqual(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PollTokenHash[" + toHex().substring(0, 16) + "…]";
    }
}
