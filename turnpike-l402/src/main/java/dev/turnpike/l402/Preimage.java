package dev.turnpike.l402;

import java.util.Objects;

/**
 * A payment preimage (32 bytes): the proof of payment that turns a macaroon into a usable L402 credential.
 * Treated as a secret: {@link #toString()} is redacted and comparisons are constant-time.
 */
public final class Preimage {
    private final byte[] bytes;

    private Preimage(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless exactly 32 bytes */
    public static Preimage of(byte[] bytes) {
        return new Preimage(Bytes32.checked(bytes, "preimage"));
    }

    /**
     * Parses 64 hex digits, upper or lower case.
     *
     * @throws IllegalArgumentException on any other input
     */
    public static Preimage fromHex(String hex) {
        byte[] b = Bytes32.parseHex64(hex);
        if (b == null) {
            throw new IllegalArgumentException("preimage must be 64 hex digits");
        }
        return new Preimage(b);
    }

    /** Like {@link #fromHex(String)} but returns null instead of throwing. */
    static Preimage parseOrNull(CharSequence hex) {
        byte[] b = Bytes32.parseHex64(hex);
        return b == null ? null : new Preimage(b);
    }

    /** {@code sha256(preimage)}. */
    public PaymentHash paymentHash() {
        return PaymentHash.of(Bytes32.sha256(bytes));
    }

    /** Constant-time check that {@code sha256(preimage) == hash}. */
    public boolean matches(PaymentHash hash) {
        Objects.requireNonNull(hash, "hash");
        return Bytes32.constantTimeEquals(Bytes32.sha256(bytes), hash.ref());
    }

    /** A copy of the 32 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Lowercase hex (for building headers / caveats). */
    public String toHex() {
        return Bytes32.HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preimage p && Bytes32.constantTimeEquals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return 0x9e3779b9; // constant: do not leak the secret through hash codes
    }

    @Override
    public String toString() {
        return "Preimage[redacted]";
    }
}
