package dev.turnpike.l402;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Package-private helpers for 32-byte values: hex parsing, SHA-256 (per-thread digest), constant-time compare. */
final class Bytes32 {
    static final int SIZE = 32;
    static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Bytes32::newDigest);

    private Bytes32() {}

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    static byte[] checked(byte[] b, String what) {
        if (b == null || b.length != SIZE) {
            throw new IllegalArgumentException(what + " must be 32 bytes");
        }
        return b.clone();
    }

    /** Parses exactly 64 hex digits (either case); returns null on any other input. */
    static byte[] parseHex64(CharSequence s) {
        if (s == null || s.length() != 2 * SIZE) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return null;
            }
        }
        return HEX.parseHex(s);
    }

    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
