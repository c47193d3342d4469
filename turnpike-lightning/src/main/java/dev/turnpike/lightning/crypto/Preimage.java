package dev.turnpike.lightning.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 32-byte payment preimage: the secret whose SHA-256 is the payment hash, revealed to the payer as proof
 * of payment. Redacted in {@code toString}; compared in constant time.
 */
public final class Preimage {

    public static final int LENGTH = 32;

    private final byte[] secret;

    private Preimage(byte[] secret) {
        this.secret = secret;
    }

    /** @throws IllegalArgumentException if not 32 bytes */
    public static Preimage of(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length != LENGTH) {
            throw new IllegalArgumentException("a preimage has 32 bytes, not " + secret.length);
        }
        return new Preimage(secret.clone());
    }

    /** @throws IllegalArgumentException if not 64 hex digits */
    public static Preimage fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public static Preimage random(SecureRandom random) {
        byte[] secret = new byte[LENGTH];
        random.nextBytes(secret);
        return new Preimage(secret);
    }

    public PaymentHash hash() {
        return PaymentHash.of(Sha256.hash(secret));
    }

    /** Whether this is the preimage of {@code paymentHash}, compared in constant time. */
    public boolean matches(PaymentHash paymentHash) {
        return MessageDigest.isEqual(Sha256.hash(secret), paymentHash.bytes());
    }

    /** The secret bytes, for presenting as proof of payment; a fresh copy. */
    public byte[] bytes() {
        return secret.clone();
    }

    /** The secret as hex, for presenting as proof of payment. */
    public String toHex() {
        return HexFormat.of().formatHex(secret);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preimage other && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "Preimage[redacted]";
    }
}
