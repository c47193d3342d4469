package dev.turnpike.lightning.bolt11;

import java.util.BitSet;
import java.util.Objects;

/**
 * A feature vector (BOLT #9), as carried in the {@code 9} field: big-endian, bit 0 the least significant.
 * Even bits are required ("compulsory"), odd bits optional. Immutable.
 */
public final class Features {

    public static final int VAR_ONION_OPTIN = 8;
    public static final int PAYMENT_SECRET = 14;
    public static final int BASIC_MPP = 16;
    public static final int ROUTE_BLINDING = 24;
    public static final int PAYMENT_METADATA = 48;

    /** The even bits of the features BOLT #9 allows in invoices; any other required bit is unknown. */
    private static final int[] KNOWN_EVEN_BITS = {VAR_ONION_OPTIN, PAYMENT_SECRET, BASIC_MPP, ROUTE_BLINDING, PAYMENT_METADATA};

    private static final Features NONE = new Features(new BitSet());

    private final BitSet bits;

    private Features(BitSet bits) {
        this.bits = bits;
    }

    public static Features none() {
        return NONE;
    }

    /** A vector with exactly these bits set. */
    public static Features of(int... bits) {
        BitSet set = new BitSet();
        for (int bit : bits) {
            if (bit < 0 || bit >= TaggedField.MAX_WORDS * 5) {
                throw new IllegalArgumentException("feature bit out of range: " + bit);
            }
            set.set(bit);
        }
        return new Features(set);
    }

    /** Reads the big-endian bit vector carried by 5-bit words. */
    static Features fromWords(byte[] words) {
        BitSet set = new BitSet();
        for (int i = 0; i < words.length; i++) {
            int word = words[words.length - 1 - i];
            for (int b = 0; b < 5; b++) {
                if (((word >>> b) & 1) != 0) {
                    set.set(i * 5 + b);
                }
            }
        }
        return new Features(set);
    }

    /** The shortest 5-bit word encoding; empty when no bit is set. */
    byte[] toWords() {
        int count = (bits.length() + 4) / 5;
        byte[] words = new byte[count];
        for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
            words[count - 1 - bit / 5] |= (byte) (1 << (bit % 5));
        }
        return words;
    }

    public boolean isSet(int bit) {
        return bits.get(bit);
    }

    /** Whether the feature whose even (required) bit is {@code evenBit} is set either as required or optional. */
    public boolean supports(int evenBit) {
        return bits.get(evenBit) || bits.get(evenBit + 1);
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    /** The set bits, ascending. */
    public int[] setBits() {
        return bits.stream().toArray();
    }

    /** The lowest even bit that is set but not a known invoice feature, or -1. */
    int firstUnknownRequiredBit() {
        for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
            if (bit % 2 == 0 && !isKnown(bit)) {
                return bit;
            }
        }
        return -1;
    }

    private static boolean isKnown(int evenBit) {
        for (int known : KNOWN_EVEN_BITS) {
            if (known == evenBit) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Features other && bits.equals(other.bits);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(bits);
    }

    @Override
    public String toString() {
        return "Features" + bits;
    }
}
