package dev.turnpike.lightning.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/** The curve and the ECDSA operations over it; the public types in this package wrap these. */
final class Secp256k1 {

    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    static final ECCurve CURVE = PARAMS.getCurve();
    static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE, PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
    static final BigInteger N = PARAMS.getN();
    static final BigInteger HALF_N = N.shiftRight(1);
    private static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final ECPoint G = PARAMS.getG();
    // One multiplier for all generator multiplications: its comb table is computed once and cached on G.
    private static final ECMultiplier G_MULTIPLIER = new FixedPointCombMultiplier();

    private Secp256k1() {}

    static boolean isValidScalar(BigInteger v) {
        return v.signum() > 0 && v.compareTo(N) < 0;
    }

    static ECPoint multiplyGenerator(BigInteger k) {
        return G_MULTIPLIER.multiply(G, k).normalize();
    }

    /** Decodes a 33-byte compressed point, or returns null if it is not one on the curve. */
    static ECPoint decodeCompressed(byte[] encoded) {
        if (encoded.length != 33 || (encoded[0] != 2 && encoded[0] != 3)) {
            return null;
        }
        try {
            return CURVE.decodePoint(encoded);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
    }

    /** ECDSA with an RFC 6979 nonce, normalised to low S, with the recovery id of the result. */
    static RecoverableSignature sign(BigInteger d, byte[] hash) {
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, d, hash);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = multiplyGenerator(k);
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(d.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = (point.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_N) > 0) {
                // (r, n - s) is the signature of the point -R, whose y has the other parity.
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            return new RecoverableSignature(r, s, recoveryId);
        }
    }

    /** The public key that made this signature of this hash, or null if there is none. */
    static ECPoint recover(byte[] hash, BigInteger r, BigInteger s, int recoveryId) {
        BigInteger x = (recoveryId & 2) != 0 ? r.add(N) : r;
        if (x.compareTo(P) >= 0) {
            return null;
        }
        byte[] encoded = new byte[33];
        encoded[0] = (byte) ((recoveryId & 1) == 0 ? 2 : 3);
        BigIntegers.asUnsignedByteArray(x, encoded, 1, 32);
        ECPoint bigR = decodeCompressed(encoded);
        if (bigR == null) {
            return null;
        }
        BigInteger e = new BigInteger(1, hash).mod(N);
        BigInteger rInv = BigIntegers.modOddInverse(N, r);
        BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
        BigInteger u2 = s.multiply(rInv).mod(N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, u1, bigR, u2).normalize();
        return q.isInfinity() ? null : q;
    }

    static boolean verify(ECPoint publicKey, byte[] hash, BigInteger r, BigInteger s) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(publicKey, DOMAIN));
        return verifier.verifySignature(hash, r, s);
    }
}
