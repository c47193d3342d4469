package dev.turnpike.bifrost.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair: the 32-byte private seed of RFC 8032 and the public key derived from it. The only type
 * here that holds a secret: it signs, and lends its seed to {@link #exportSeed} for writing a key file; it never
 * returns the seed otherwise. {@code toString} is redacted. Immutable and thread-safe.
 */
public final class Ed25519KeyPair {
    /** The length of the private seed in bytes. */
    public static final int SEED_LENGTH = Ed25519.SECRET_KEY_SIZE;

    private final byte[] seed;
    private final Ed25519PublicKey publicKey;
    private final byte[] publicKeyBytes;

    private Ed25519KeyPair(byte[] seed) {
        this.seed = seed;
        this.publicKey = Ed25519PublicKey.ofSeed(seed);
        this.publicKeyBytes = publicKey.toBytes();
    }

    /** A fresh key pair with a seed drawn from {@code random}. */
    public static Ed25519KeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        return new Ed25519KeyPair(seed);
    }

    /**
     * The key pair of a 32-byte seed (copied), e.g. read back from a key file.
     *
     * @throws IllegalArgumentException if not 32 bytes (the message never shows the bytes)
     */
    public static Ed25519KeyPair fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed has " + SEED_LENGTH + " bytes, not " + seed.length);
        }
        return new Ed25519KeyPair(seed.clone());
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** The 64-byte Ed25519 signature of {@code message} (deterministic, RFC 8032). */
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
        Ed25519.sign(seed, 0, publicKeyBytes, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * Lends a copy of the 32-byte seed to {@code sink}, for writing it to a key file; the copy is zeroed when
     * {@code sink} returns, so {@code sink} must not keep it.
     */
    public void exportSeed(Consumer<byte[]> sink) {
        Objects.requireNonNull(sink, "sink");
        byte[] copy = seed.clone();
        try {
            sink.accept(copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public=" + publicKey + ", seed=redacted]";
    }
}
