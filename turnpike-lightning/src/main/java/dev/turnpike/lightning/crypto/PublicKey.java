package dev.turnpike.lightning.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/** A secp256k1 public key, held as its 33-byte compressed encoding (a Lightning node id). */
public final class PublicKey {

    public static final int LENGTH = 33;

    private final byte[] encoded;
    private final ECPoint point;

    private PublicKey(byte[] encoded, ECPoint point) {
        this.encoded = encoded;
        this.point = point;
    }

    static PublicKey of(ECPoint point) {
        ECPoint normal = point.normalize();
        return new PublicKey(normal.getEncoded(true), normal);
    }

    /**
     * Parses a 33-byte compressed public key.
     *
     * @throws IllegalArgumentException if it is not 33 bytes, not in compressed form, or not on the curve
     */
    public static PublicKey fromBytes(byte[] compressed) {
        Objects.requireNonNull(compressed, "compressed");
        if (compressed.length != LENGTH) {
            throw new IllegalArgumentException("a compressed public key has 33 bytes, not " + compressed.length);
        }
        byte[] copy = compressed.clone();
        ECPoint point = Secp256k1.decodeCompressed(copy);
        if (point == null) {
            throw new IllegalArgumentException("not a compressed secp256k1 point");
        }
        return new PublicKey(copy, point);
    }

    /** Parses 66 hex digits; see {@link #fromBytes}. */
    public static PublicKey fromHex(String hex) {
        return fromBytes(HexFormat.of().parseHex(hex));
    }

    /** The 33-byte compressed encoding; a fresh copy. */
    public byte[] bytes() {
        return encoded.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(encoded);
    }

    /** Whether {@code signature} is a valid ECDSA signature of the 32-byte {@code hash} by this key (high S accepted). */
    public boolean verify(byte[] hash, RecoverableSignature signature) {
        return Secp256k1.verify(point, hash, signature.r(), signature.s());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
