package dev.turnpike.l402;

import java.util.Objects;

/**
 * A payment preimage (32 bytes): the proof of payment that turns a macaroon into a usable L402 credential.
 * Treated as a secret: {@link #toString()} is redacted, the hash code is constant and comparisons are
 * constant-time. {@link #toHex()} is for building headers and caveats.
 */
public final class Preimage extends Bytes32 {
    private Preimage(byte[] bytes) {
        super(bytes);
    }

    /** @throws IllegalArgumentException unless exactly 32 bytes */
    public static Preimage of(byte[] bytes) {
        return new Preimage(checked(bytes, "preimage"));
    }

    /**
     * Parses 64 hex digits, upper or lower case.
     *
     * @throws IllegalArgumentException on any other input
     */
    public static Preimage fromHex(String hex) {
        return new Preimage(checkedHex(hex, "preimage"));
    }

    /** Like {@link #fromHex(String)} but returns null instead of throwing. */
    static Preimage parseOrNull(CharSequence hex) {
        byte[] b = parseHex64(hex);
        return b == null ? null : new Preimage(b);
    }

    /** {@code sha256(preimage)}. */
    public PaymentHash paymentHash() {
        return PaymentHash.of(sha256(ref()));
    }

    /** Constant-time check that {@code sha256(preimage) == hash}. */
    public boolean matches(PaymentHash hash) {
        Objects.requireNonNull(hash, "hash");
        return constantTimeEquals(sha256(ref()), hash.ref());
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
