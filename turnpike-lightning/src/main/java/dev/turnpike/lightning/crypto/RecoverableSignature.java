package dev.turnpike.lightning.crypto;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/** An ECDSA signature (r, s) with the recovery id (0..3) that lets the signer's public key be recovered. */
public final class RecoverableSignature {

    public static final int COMPACT_LENGTH = 64;

    private final BigInteger r;
    private final BigInteger s;
    private final int recoveryId;

    RecoverableSignature(BigInteger r, BigInteger s, int recoveryId) {
        this.r = r;
        this.s = s;
        this.recoveryId = recoveryId;
    }

    /**
     * Parses a compact signature: 32-byte r then 32-byte s, big-endian, both in 1..n-1.
     *
     * @throws IllegalArgumentException if the length, r, s or recovery id is out of range
     */
    public static RecoverableSignature fromCompact(byte[] compact, int recoveryId) {
        Objects.requireNonNull(compact, "compact");
        if (compact.length != COMPACT_LENGTH) {
            throw new IllegalArgumentException("a compact signature has 64 bytes, not " + compact.length);
        }
        if (recoveryId < 0 || recoveryId > 3) {
            throw new IllegalArgumentException("recovery id must be 0..3, not " + recoveryId);
        }
        BigInteger r = new BigInteger(1, compact, 0, 32);
        BigInteger s = new BigInteger(1, compact, 32, 32);
        if (!Secp256k1.isValidScalar(r) || !Secp256k1.isValidScalar(s)) {
            throw new IllegalArgumentException("signature r and s must be in 1..n-1");
        }
        return new RecoverableSignature(r, s, recoveryId);
    }

    BigInteger r() {
        return r;
    }

    BigInteger s() {
        return s;
    }

    public int recoveryId() {
        return recoveryId;
    }

    /** Whether s is at most n/2, the form this package's signer produces. */
    public boolean isLowS() {
        return s.compareTo(Secp256k1.HALF_N) <= 0;
    }

    /** 32-byte r then 32-byte s. */
    public byte[] compact() {
        byte[] out = new byte[COMPACT_LENGTH];
        BigIntegers.asUnsignedByteArray(r, out, 0, 32);
        BigIntegers.asUnsignedByteArray(s, out, 32, 32);
        return out;
    }

    /** The public key that made this signature of the 32-byte {@code hash}; empty if none can be recovered. */
    public Optional<PublicKey> recoverPublicKey(byte[] hash) {
        ECPoint q = Secp256k1.recover(hash, r, s, recoveryId);
        return q == null ? Optional.empty() : Optional.of(PublicKey.of(q));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecoverableSignature other
                && r.equals(other.r) && s.equals(other.s) && recoveryId == other.recoveryId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(r, s, recoveryId);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(compact()) + "/" + recoveryId;
    }
}
