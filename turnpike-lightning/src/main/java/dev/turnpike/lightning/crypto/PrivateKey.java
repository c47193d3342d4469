package dev.turnpike.lightning.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A secp256k1 private key. It does not hand out its secret: it signs, and {@link #exportSecret} lends a copy
 * that is wiped afterwards, for persistence. {@code toString} is redacted and {@code equals} is constant-time.
 */
public final class PrivateKey {

    public static final int LENGTH = 32;

    private final byte[] secret;
    private final BigInteger scalar;
    private final PublicKey publicKey;

    private PrivateKey(byte[] secret) {
        this.secret = secret;
        this.scalar = new BigInteger(1, secret);
        this.publicKey = PublicKey.of(Secp256k1.multiplyGenerator(scalar));
    }

    /**
     * A key from 32 big-endian bytes, which are copied.
     *
     * @throws IllegalArgumentException if not 32 bytes or not in 1..n-1 (the message never shows the bytes)
     */
    public static PrivateKey fromBytes(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length != LENGTH) {
            throw new IllegalArgumentException("a private key has 32 bytes, not " + secret.length);
        }
        if (!Secp256k1.isValidScalar(new BigInteger(1, secret))) {
            throw new IllegalArgumentException("private key is not in 1..n-1");
        }
        return new PrivateKey(secret.clone());
    }

    /** A fresh key drawn from {@code random}. */
    public static PrivateKey generate(SecureRandom random) {
        byte[] candidate = new byte[LENGTH];
        while (true) {
            random.nextBytes(candidate);
            if (Secp256k1.isValidScalar(new BigInteger(1, candidate))) {
                return new PrivateKey(candidate);
            }
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Signs a 32-byte hash: deterministic (RFC 6979), low-S, with its recovery id. */
    public RecoverableSignature sign(byte[] hash) {
        Objects.requireNonNull(hash, "hash");
        if (hash.length != Sha256.LENGTH) {
            throw new IllegalArgumentException("can only sign a 32-byte hash, not " + hash.length + " bytes");
        }
        return Secp256k1.sign(scalar, hash);
    }

    /**
     * Lends a copy of the 32-byte secret to {@code sink}, for writing it to a key store; the copy is zeroed
     * when {@code sink} returns, so {@code sink} must not keep it.
     */
    public void exportSecret(Consumer<byte[]> sink) {
        byte[] copy = secret.clone();
        try {
            sink.accept(copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrivateKey other && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "PrivateKey[redacted, publicKey=" + publicKey.toHex() + "]";
    }
}
