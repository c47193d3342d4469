package dev.turnpike.lightning.bolt11;

import java.util.Arrays;
import java.util.Objects;

/** One tagged field as written: a 5-bit type and its data as 5-bit words. Unknown fields are kept as these. */
public final class TaggedField {

    public static final int PAYMENT_HASH = 1;
    public static final int ROUTE_HINT = 3;
    public static final int FEATURES = 5;
    public static final int EXPIRY = 6;
    public static final int FALLBACK_ADDRESS = 9;
    public static final int DESCRIPTION = 13;
    public static final int PAYMENT_SECRET = 16;
    public static final int PAYEE = 19;
    public static final int DESCRIPTION_HASH = 23;
    public static final int MIN_FINAL_CLTV_EXPIRY = 24;
    public static final int METADATA = 27;

    /** The largest data_length: 10 bits. */
    public static final int MAX_WORDS = 1023;

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private final int type;
    private final byte[] words;

    private TaggedField(int type, byte[] words) {
        this.type = type;
        this.words = words;
    }

    /**
     * A field of {@code type} (0..31) with data {@code words} (each 0..31, at most 1023), which are copied.
     *
     * @throws IllegalArgumentException if out of range
     */
    public static TaggedField of(int type, byte[] words) {
        Objects.requireNonNull(words, "words");
        if (type < 0 || type > 31) {
            throw new IllegalArgumentException("field type must be 0..31, not " + type);
        }
        if (words.length > MAX_WORDS) {
            throw new IllegalArgumentException("field data has " + words.length + " words, more than " + MAX_WORDS);
        }
        for (byte w : words) {
            if (w < 0 || w > 31) {
                throw new IllegalArgumentException("5-bit word out of range: " + w);
            }
        }
        return new TaggedField(type, words.clone());
    }

    /** Takes ownership of already-validated words. */
    static TaggedField wrap(int type, byte[] words) {
        return new TaggedField(type, words);
    }

    public int type() {
        return type;
    }

    /** The bech32 character of the type, e.g. 'p' for the payment hash. */
    public char tag() {
        return tagOf(type);
    }

    static char tagOf(int type) {
        return CHARSET.charAt(type);
    }

    /** The data's length in 5-bit words (data_length). */
    public int length() {
        return words.length;
    }

    /** The data as 5-bit words; a fresh copy. */
    public byte[] words() {
        return words.clone();
    }

    byte[] wordsUnsafe() {
        return words;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaggedField other && type == other.type && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return tag() + "(" + words.length + " words)";
    }
}
