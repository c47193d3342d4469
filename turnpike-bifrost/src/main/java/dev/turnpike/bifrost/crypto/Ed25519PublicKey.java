package dev.turnpike.bifrost.crypto;

import dev.turnpike.bifrost.encoding.Base58;
import dev.turnpike.bifrost.encoding.EncodingException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032) that has passed BouncyCastle's full validation: 32 bytes, a canonical encoding
 * of a curve point, not of small order, in the prime-order subgroup. An instance is therefore always usable, and
 * an attacker cannot pick a weak key that makes many signatures verify.
 *
 * <p>Its text form is base58 (Bitcoin alphabet), as in Bifrost. {@link #equals} compares the bytes; public keys
 * are not secret, so no constant-time comparison is needed. Immutable and thread-safe.
 */
public final class Ed25519PublicKey {
    /** The length of an encoded public key in bytes. */
    public static final int LENGTH = Ed25519.PUBLIC_KEY_SIZE;
    /** The length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = Ed25519.SIGNATURE_SIZE;

    private final byte[] encoded;
    private final Ed25519.PublicPoint point;
    private final String base58;

    private Ed25519PublicKey(byte[] encoded, Ed25519.PublicPoint point) {
        this.encoded = encoded;
        this.point = point;
        this.base58 = Base58.encode(encoded);
    }

    /**
     * A key from its 32 bytes (copied).
     *
     * @throws KeyFormatException if not 32 bytes or not a valid point of the prime-order subgroup
     */
    public static Ed25519PublicKey fromBytes(byte[] encoded) throws KeyFormatException {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length != LENGTH) {
            throw new KeyFormatException("an Ed25519 public key has " + LENGTH + " bytes, not " + encoded.length);
        }
        byte[] copy = encoded.clone();
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(copy, 0);
        if (point == null) {
            throw new KeyFormatException("not a valid Ed25519 public key: not a canonical point of the prime-order"
                    + " subgroup");
        }
        return new Ed25519PublicKey(copy, point);
    }

    /**
     * A key from its base58 text (strict: no whitespace).
     *
     * @throws KeyFormatException if not base58, not 32 bytes, or not a valid point
     */
    public static Ed25519PublicKey fromBase58(String text) throws KeyFormatException {
        Objects.requireNonNull(text, "text");
        byte[] bytes;
        try {
            bytes = Base58.decode(text);
        } catch (EncodingException e) {
            throw new KeyFormatException("public key is not base58: " + e.getMessage());
        }
        return fromBytes(bytes);
    }

    /** Derives the public key of a private key seed; the seed is not kept. */
    static Ed25519PublicKey ofSeed(byte[] seed) {
        byte[] encoded = new byte[LENGTH];
        Ed25519.generatePublicKey(seed, 0, encoded, 0);
        return new Ed25519PublicKey(encoded, Ed25519.validatePublicKeyFullExport(encoded, 0));
    }

    /**
     * Whether {@code signature} is this key's valid Ed25519 signature of {@code message} (RFC 8032, pure Ed25519,
     * no context; non-canonical {@code S} and invalid {@code R} are refused).
     */
    public boolean verify(byte[] message, byte[] signature) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        return signature.length == SIGNATURE_LENGTH && Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    /** A copy of the 32 bytes. */
    public byte[] toBytes() {
        return encoded.clone();
    }

    /** The base58 text form, as Bifrost sends keys. */
    public String toBase58() {
        return base58;
    }

    /** A short, stable identifier for logs: the first 8 bytes of SHA-256 of the key, in hex (16 characters). */
    public String fingerprint() {
        return HexFormat.of().formatHex(Sha256.hash(encoded), 0, 8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /** The base58 form. */
    @Override
    public String toString() {
        return base58;
    }
}
