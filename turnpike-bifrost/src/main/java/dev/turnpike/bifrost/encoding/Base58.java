package dev.turnpike.bifrost.encoding;

import java.util.Arrays;
import java.util.Objects;

/**
 * Base58 with the Bitcoin alphabet ({@code 123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz}), without
 * checksum: the text form of Bifrost's Ed25519 public keys.
 *
 * <p>Each leading zero byte is one leading {@code '1'}; the rest is the big-endian number in base 58. Every byte
 * array has exactly one encoding and every valid string decodes to exactly one byte array, so comparing encoded
 * keys as strings is the same as comparing their bytes.
 *
 * <p>The decoder is strict: no whitespace, no other characters, at most {@value #MAX_TEXT_LENGTH} characters and
 * {@value #MAX_BYTES} bytes. Both directions are quadratic in the length, which the bounds keep small.
 */
public final class Base58 {
    /** The largest byte array either direction handles. */
    public static final int MAX_BYTES = 256;
    /** The longest text {@link #decode} accepts: enough for any {@value #MAX_BYTES}-byte array. */
    public static final int MAX_TEXT_LENGTH = 350;

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final byte[] DIGIT = new byte[128];

    static {
        Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGIT[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Base58() {}

    /**
     * Encodes {@code bytes}.
     *
     * @throws IllegalArgumentException if longer than {@value #MAX_BYTES} bytes
     */
    public static String encode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("base58 encodes at most " + MAX_BYTES + " bytes, not " + bytes.length);
        }
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        // base-58 digits, least significant first; log(256)/log(58) < 1.37
        byte[] digits = new byte[(bytes.length - zeros) * 137 / 100 + 1];
        int used = 0;
        for (int i = zeros; i < bytes.length; i++) {
            int carry = bytes[i] & 0xff;
            for (int j = 0; j < used; j++) {
                carry += (digits[j] & 0xff) << 8;
                digits[j] = (byte) (carry % 58);
                carry /= 58;
            }
            while (carry > 0) {
                digits[used++] = (byte) (carry % 58);
                carry /= 58;
            }
        }
        StringBuilder out = new StringBuilder(zeros + used);
        out.repeat('1', zeros);
        for (int j = used - 1; j >= 0; j--) {
            out.append(ALPHABET.charAt(digits[j]));
        }
        return out.toString();
    }

    /**
     * Decodes {@code text}.
     *
     * @throws EncodingException if it is longer than {@value #MAX_TEXT_LENGTH} characters, holds a character
     *                           outside the alphabet (whitespace included), or decodes to more than
     *                           {@value #MAX_BYTES} bytes
     */
    public static byte[] decode(String text) throws EncodingException {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new EncodingException("base58 text is longer than " + MAX_TEXT_LENGTH + " characters", -1);
        }
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        // bytes, least significant first; log(58)/log(256) < 0.733
        byte[] bytes = new byte[(text.length() - zeros) * 733 / 1000 + 1];
        int used = 0;
        for (int i = zeros; i < text.length(); i++) {
            char c = text.charAt(i);
            int carry = c < 128 ? DIGIT[c] : -1;
            if (carry < 0) {
                throw EncodingException.invalidCharacter("base58", c, i);
            }
            for (int j = 0; j < used; j++) {
                carry += (bytes[j] & 0xff) * 58;
                bytes[j] = (byte) carry;
                carry >>>= 8;
            }
            while (carry > 0) {
                bytes[used++] = (byte) carry;
                carry >>>= 8;
            }
        }
        if (zeros + used > MAX_BYTES) {
            throw new EncodingException("base58 text decodes to more than " + MAX_BYTES + " bytes", -1);
        }
        byte[] out = new byte[zeros + used];
        for (int j = 0; j < used; j++) {
            out[out.length - 1 - j] = bytes[j];
        }
        return out;
    }
}
