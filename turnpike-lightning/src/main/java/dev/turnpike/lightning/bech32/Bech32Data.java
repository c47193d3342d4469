package dev.turnpike.lightning.bech32;

import java.util.Arrays;
import java.util.Objects;

/** A decoded bech32 string: its lower-case human-readable part and its data as 5-bit words (checksum removed). */
public final class Bech32Data {

    private final String hrp;
    private final byte[] words;

    Bech32Data(String hrp, byte[] words) {
        this.hrp = hrp;
        this.words = words;
    }

    public String hrp() {
        return hrp;
    }

    /** The data part as 5-bit values (0..31), checksum excluded; a fresh copy. */
    public byte[] words() {
        return words.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bech32Data other && hrp.equals(other.hrp) && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hrp, Arrays.hashCode(words));
    }

    @Override
    public String toString() {
        return Bech32.encode(hrp, words);
    }
}
