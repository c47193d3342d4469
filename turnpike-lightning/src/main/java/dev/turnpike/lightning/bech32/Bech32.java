package dev.turnpike.lightning.bech32;

import dev.turnpike.lightning.bech32.Bech32Exception.Reason;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * BIP-173 bech32 encoding and decoding, and 8-bit/5-bit regrouping.
 *
 * <p>BIP-173 limits a string to 90 characters; BOLT #11 lifts that limit because invoices are longer.
 * The decoder is still bounded: it rejects anything longer than {@link #MAX_LENGTH} before looking at it.
 * The 83-character limit on the human-readable part is kept.
 */
public final class Bech32 {

    /**
     * The longest string the decoder accepts: 7089 characters, the numeric-mode capacity of the largest QR
     * code (version 40), and so longer than any invoice that can be shown or scanned.
     */
    public static final int MAX_LENGTH = 7089;

    /** The longest human-readable part, as in BIP-173. */
    public static final int MAX_HRP_LENGTH = 83;

    private static final int CHECKSUM_LENGTH = 6;
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final byte[] CHARSET_REV = new byte[128];
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    static {
        Arrays.fill(CHARSET_REV, (byte) -1);
        for (int i = 0; i < CHARSET.length(); i++) {
            CHARSET_REV[CHARSET.charAt(i)] = (byte) i;
            CHARSET_REV[Character.toUpperCase(CHARSET.charAt(i))] = (byte) i;
        }
    }

    private Bech32() {}

    /**
     * Encodes a lower-case human-readable part and 5-bit words as a lower-case bech32 string.
     *
     * @throws IllegalArgumentException if the hrp is empty, too long, not lower-case printable US-ASCII, or
     *     a word is outside 0..31
     */
    public static String encode(String hrp, byte[] words) {
        Objects.requireNonNull(hrp, "hrp");
        Objects.requireNonNull(words, "words");
        if (hrp.isEmpty() || hrp.length() > MAX_HRP_LENGTH) {
            throw new IllegalArgumentException("hrp must have 1.." + MAX_HRP_LENGTH + " characters");
        }
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126 || (c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("hrp must be lower-case printable US-ASCII");
            }
        }
        int checksum = polymod(hrp, words, CHECKSUM_LENGTH) ^ 1;
        StringBuilder out = new StringBuilder(hrp.length() + 1 + words.length + CHECKSUM_LENGTH);
        out.append(hrp).append('1');
        for (byte w : words) {
            if ((w & 0xff) > 31) {
                throw new IllegalArgumentException("5-bit word out of range: " + w);
            }
            out.append(CHARSET.charAt(w));
        }
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            out.append(CHARSET.charAt((checksum >>> (5 * (CHECKSUM_LENGTH - 1 - i))) & 31));
        }
        return out.toString();
    }

    /**
     * Decodes a bech32 string of at most {@link #MAX_LENGTH} characters, all lower-case or all upper-case.
     *
     * @throws Bech32Exception saying what is wrong: length, character, case, separator, or checksum
     */
    public static Bech32Data decode(String s) throws Bech32Exception {
        Objects.requireNonNull(s, "s");
        if (s.length() > MAX_LENGTH) {
            throw new Bech32Exception(Reason.TOO_LONG, -1,
                    "bech32 string has " + s.length() + " characters, more than the limit of " + MAX_LENGTH);
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                throw new Bech32Exception(Reason.INVALID_CHARACTER, i,
                        "character " + describe(c) + " at position " + i + " is not printable US-ASCII");
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new Bech32Exception(Reason.MIXED_CASE, -1, "bech32 string mixes upper and lower case");
        }
        int separator = s.lastIndexOf('1');
        if (separator < 0) {
            throw new Bech32Exception(Reason.NO_SEPARATOR, -1, "bech32 string has no '1' separator");
        }
        if (separator == 0) {
            throw new Bech32Exception(Reason.EMPTY_HRP, 0, "bech32 human-readable part is empty");
        }
        if (separator > MAX_HRP_LENGTH) {
            throw new Bech32Exception(Reason.HRP_TOO_LONG, separator,
                    "bech32 human-readable part has " + separator + " characters, more than " + MAX_HRP_LENGTH);
        }
        int dataLength = s.length() - separator - 1;
        if (dataLength < CHECKSUM_LENGTH) {
            throw new Bech32Exception(Reason.CHECKSUM_TOO_SHORT, separator,
                    "bech32 data part has " + dataLength + " characters, fewer than the 6 of a checksum");
        }
        byte[] all = new byte[dataLength];
        for (int i = 0; i < dataLength; i++) {
            int pos = separator + 1 + i;
            byte v = CHARSET_REV[s.charAt(pos)];
            if (v < 0) {
                throw new Bech32Exception(Reason.INVALID_CHARACTER, pos,
                        "character " + describe(s.charAt(pos)) + " at position " + pos + " is not in the bech32 alphabet");
            }
            all[i] = v;
        }
        String hrp = s.substring(0, separator).toLowerCase(Locale.ROOT);
        if (polymod(hrp, all, 0) != 1) {
            throw new Bech32Exception(Reason.INVALID_CHECKSUM, -1, "bech32 checksum is invalid");
        }
        return new Bech32Data(hrp, Arrays.copyOf(all, dataLength - CHECKSUM_LENGTH));
    }

    /** Regroups bytes into 5-bit words, padding the last word with zero bits. */
    public static byte[] toWords(byte[] bytes) {
        return toWords(bytes, 0, bytes.length);
    }

    /** Regroups {@code length} bytes from {@code offset} into 5-bit words, padding the last word with zero bits. */
    public static byte[] toWords(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        byte[] out = new byte[(length * 8 + 4) / 5];
        int acc = 0;
        int bits = 0;
        int o = 0;
        for (int i = offset; i < offset + length; i++) {
            acc = (acc << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[o++] = (byte) ((acc >>> bits) & 31);
            }
        }
        if (bits > 0) {
            out[o] = (byte) ((acc << (5 - bits)) & 31);
        }
        return out;
    }

    /**
     * Regroups 5-bit words into bytes, strictly: the leftover bits must be fewer than 5 and all zero, as when
     * the words were made by {@link #toWords}.
     *
     * @throws Bech32Exception with reason {@link Reason#INVALID_PADDING} otherwise
     */
    public static byte[] fromWords(byte[] words) throws Bech32Exception {
        return fromWords(words, 0, words.length);
    }

    /** As {@link #fromWords(byte[])} for {@code length} words from {@code offset}. */
    public static byte[] fromWords(byte[] words, int offset, int length) throws Bech32Exception {
        Objects.checkFromIndexSize(offset, length, words.length);
        int leftover = (length * 5) % 8;
        if (leftover >= 5) {
            throw new Bech32Exception(Reason.INVALID_PADDING, -1,
                    length + " words leave " + leftover + " padding bits; at most 4 are allowed");
        }
        if (leftover > 0 && (words[offset + length - 1] & ((1 << leftover) - 1)) != 0) {
            throw new Bech32Exception(Reason.INVALID_PADDING, -1, "padding bits are not zero");
        }
        byte[] padded = packWordsPadded(words, offset, length);
        return leftover == 0 ? padded : Arrays.copyOf(padded, padded.length - 1);
    }

    /**
     * Packs 5-bit words into bytes, padding the last byte with zero bits (BIP-173 convertbits with pad): what
     * BOLT #11 signs.
     */
    public static byte[] packWordsPadded(byte[] words, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, words.length);
        byte[] out = new byte[(length * 5 + 7) / 8];
        int acc = 0;
        int bits = 0;
        int o = 0;
        for (int i = offset; i < offset + length; i++) {
            acc = (acc << 5) | (words[i] & 31);
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[o++] = (byte) (acc >>> bits);
            }
        }
        if (bits > 0) {
            out[o] = (byte) (acc << (8 - bits));
        }
        return out;
    }

    /** BIP-173 polymod over the expanded hrp, the words, and {@code trailingZeros} zero words. */
    private static int polymod(String hrp, byte[] words, int trailingZeros) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = polymodStep(chk, hrp.charAt(i) >>> 5);
        }
        chk = polymodStep(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = polymodStep(chk, hrp.charAt(i) & 31);
        }
        for (byte w : words) {
            chk = polymodStep(chk, w & 31);
        }
        for (int i = 0; i < trailingZeros; i++) {
            chk = polymodStep(chk, 0);
        }
        return chk;
    }

    private static int polymodStep(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    private static String describe(char c) {
        return c >= 33 && c <= 126 ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
