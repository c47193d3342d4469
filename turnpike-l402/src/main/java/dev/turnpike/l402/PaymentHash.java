package dev.turnpike.l402;

import java.util.Arrays;

/** A Lightning payment hash: SHA-256 of the payment preimage (32 bytes). Public information. */
public final class PaymentHash {
    private final byte[] bytes;

    private PaymentHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless exactly 32 bytes */
    public static PaymentHash of(byte[] bytes) {
        return new PaymentHash(Bytes32.checked(bytes, "payment hash"));
    }

    /** @throws IllegalArgumentException unless exactly 64 hex digits */
    public static PaymentHash fromHex(String hex) {
        byte[] b = Bytes32.parseHex64(hex);
        if (b == null) {
            throw new IllegalArgumentException("payment hash must be 64 hex digits");
        }
        return new PaymentHash(b);
    }

    /** A copy of the 32 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    byte[] ref() {
        return bytes;
    }

    /** Lowercase hex. */
    public String toHex() {
        return Bytes32.HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaymentHash p && Bytes32.constantTimeEquals(bytes, p.bytes);
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
