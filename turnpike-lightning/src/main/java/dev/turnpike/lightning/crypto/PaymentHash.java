package dev.turnpike.lightning.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** A 32-byte payment hash: SHA-256 of a payment preimage. */
public final class PaymentHash {

    public static final int LENGTH = 32;

    private final byte[] hash;

    private PaymentHash(byte[] hash) {
        this.hash = hash;
    }

    /** @throws IllegalArgumentException if not 32 bytes */
    public static PaymentHash of(byte[] hash) {
        Objects.requireNonNull(hash, "hash");
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException("a payment hash has 32 bytes, not " + hash.length);
        }
        return new PaymentHash(hash.clone());
    }

    /** @throws IllegalArgumentException if not 64 hex digits */
    public static PaymentHash fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return hash.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaymentHash other && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
