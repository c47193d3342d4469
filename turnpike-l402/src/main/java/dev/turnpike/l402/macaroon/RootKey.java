package dev.turnpike.l402.macaroon;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The secret root key of a macaroon (aperture calls it the token's "secret").
 *
 * <p>L402 root keys are {@value #L402_SIZE} random bytes ({@link #generate(SecureRandom)}); {@link #of(byte[])}
 * accepts any length from 1 to {@value #MAX_SIZE} bytes so that generic macaroon test vectors
 * (libmacaroons uses {@code "this is the key"}) can be checked.
 *
 * <p>The key derivation of go-macaroon / libmacaroons is applied once at construction:
 * {@code derived = HMAC-SHA256(key = "macaroons-key-generator", msg = rootKey)}; the macaroon's first
 * signature is {@code HMAC-SHA256(derived, identifier)}. Caching the derived key makes a verifier that
 * caches {@code RootKey} objects skip one HMAC per request.
 *
 * <p>{@link #toString()} is redacted; there is deliberately no {@code equals}: compare keys, if ever, with
 * {@link java.security.MessageDigest#isEqual(byte[], byte[])} on {@link #toByteArray()}.
 */
public final class RootKey {
    /** Size in bytes of the root keys the L402 minter generates (aperture's {@code SecretSize}). */
    public static final int L402_SIZE = 32;
    /** Largest accepted root key. */
    public static final int MAX_SIZE = 1024;

    private final byte[] key;
    private final byte[] derived;

    private RootKey(byte[] key) {
        this.key = key;
        this.derived = MacaroonCrypto.deriveKey(key);
    }

    /**
     * Wraps a copy of {@code key}.
     *
     * @throws IllegalArgumentException if the key is empty or longer than {@value #MAX_SIZE} bytes
     */
    public static RootKey of(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0 || key.length > MAX_SIZE) {
            throw new IllegalArgumentException("root key must be 1.." + MAX_SIZE + " bytes, got " + key.length);
        }
        return new RootKey(key.clone());
    }

    /** A fresh {@value #L402_SIZE}-byte key from {@code random}. */
    public static RootKey generate(SecureRandom random) {
        byte[] k = new byte[L402_SIZE];
        random.nextBytes(k);
        return new RootKey(k);
    }

    /** A copy of the raw key bytes, for persisting it in a key store. Handle with care. */
    public byte[] toByteArray() {
        return key.clone();
    }

    /** The key length in bytes. */
    public int length() {
        return key.length;
    }

    byte[] derivedKey() {
        return derived;
    }

    @Override
    public String toString() {
        return "RootKey[redacted]";
    }
}
