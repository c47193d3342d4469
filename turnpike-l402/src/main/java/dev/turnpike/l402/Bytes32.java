package dev.turnpike.l402;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Base of the 32-byte value types, plus package helpers for such values (hex parsing, SHA-256 with a per-thread
 * digest, constant-time compare). An instance equals only an instance of the same class with the same bytes,
 * compared in constant time, which secret values need too: subclasses must not override {@code equals}. A secret
 * subclass must override {@link #hashCode()} and {@link #toString()}, which here derive from the bytes.
 */
abstract class Bytes32 {
    static final int SIZE = 32;
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Bytes32::newDigest);

    private final byte[] bytes;

    /** Takes ownership of {@code bytes}: a fresh 32-byte array nobody else holds. */
    Bytes32(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of the 32 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Lowercase hex. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    /** The bytes without a copy, for this package's encoders; never modify them. */
    final byte[] ref() {
        return bytes;
    }

    // Not final although no subclass may override it: javac then adds a public bridge to each public subclass,
    // so reflective calls from other packages keep working.
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && constantTimeEquals(bytes, ((Bytes32) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }

    // ------------------------------------------------------------------ helpers

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

    /** A copy of {@code b}. @throws IllegalArgumentException unless exactly 32 bytes */
    static byte[] checked(byte[] b, String what) {
        if (b == null || b.length != SIZE) {
            throw new IllegalArgumentException(what + " must be 32 bytes");
        }
        return b.clone();
    }

    /** {@link #parseHex64} that throws. @throws IllegalArgumentException unless exactly 64 hex digits */
    static byte[] checkedHex(String hex, String what) {
        byte[] b = parseHex64(hex);
        if (b == null) {
            throw new IllegalArgumentException(what + " must be 64 hex digits");
        }
        return b;
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
