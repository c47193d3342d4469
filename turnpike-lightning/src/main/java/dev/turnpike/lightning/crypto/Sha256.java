package dev.turnpike.lightning.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256. */
public final class Sha256 {

    public static final int LENGTH = 32;

    private Sha256() {}

    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static byte[] hash(byte[] data, int offset, int length) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, offset, length);
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    /** SHA-256 of the concatenation of {@code first} and {@code second}, without building it. */
    public static byte[] hash(byte[] first, byte[] second) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(first, 0, first.length);
        digest.update(second, 0, second.length);
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return out;
    }
}
