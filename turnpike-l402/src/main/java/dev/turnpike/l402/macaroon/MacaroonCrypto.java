package dev.turnpike.l402.macaroon;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 primitives of the macaroon signature chain (go-macaroon {@code crypto.go}).
 *
 * <p>{@link Mac} instances are not thread-safe, so each thread gets its own through a {@link ThreadLocal};
 * nothing mutable is shared between threads.
 */
final class MacaroonCrypto {
    static final String HMAC_SHA256 = "HmacSHA256";
    static final int HASH_LEN = 32;
    private static final byte[] KEY_GENERATOR = "macaroons-key-generator".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(MacaroonCrypto::newMac);

    private MacaroonCrypto() {}

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory in every JDK", e);
        }
    }

    /** {@code HMAC-SHA256(key = "macaroons-key-generator", msg = rootKey)}. */
    static byte[] deriveKey(byte[] rootKey) {
        return hmac(KEY_GENERATOR, rootKey);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC key rejected", e);
        }
        return mac.doFinal(data);
    }

    /** Constant-time equality (for equal lengths); false for different lengths. */
    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
