package dev.turnpike.lightning.bolt11;

import dev.turnpike.lightning.bech32.Bech32;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An on-chain fallback address (the {@code f} field): a witness version 0..16 and program, or version 17
 * with a P2PKH public key hash, or 18 with a P2SH script hash.
 */
public final class FallbackAddress {

    public static final int P2PKH = 17;
    public static final int P2SH = 18;

    private final int version;
    private final byte[] program;

    private FallbackAddress(int version, byte[] program) {
        this.version = version;
        this.program = program;
    }

    /**
     * @throws IllegalArgumentException if the program length is not valid for the version (20 bytes for
     *     versions 17 and 18; 2..40 bytes for witness versions, 20 or 32 for version 0)
     */
    public static FallbackAddress of(int version, byte[] program) {
        Objects.requireNonNull(program, "program");
        String problem = problem(version, program.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new FallbackAddress(version, program.clone());
    }

    /** Why this version and program length are invalid, or null if they are valid. */
    static String problem(int version, int programLength) {
        if (version < 0 || version > P2SH) {
            return "unknown fallback address version " + version;
        }
        if (version >= P2PKH) {
            return programLength == 20 ? null
                    : "a " + (version == P2PKH ? "P2PKH" : "P2SH") + " hash has 20 bytes, not " + programLength;
        }
        if (programLength < 2 || programLength > 40) {
            return "a witness program has 2..40 bytes, not " + programLength;
        }
        if (version == 0 && programLength != 20 && programLength != 32) {
            return "a version 0 witness program has 20 or 32 bytes, not " + programLength;
        }
        return null;
    }

    public int version() {
        return version;
    }

    public byte[] program() {
        return program.clone();
    }

    byte[] toWords() {
        byte[] programWords = Bech32.toWords(program);
        byte[] words = new byte[programWords.length + 1];
        words[0] = (byte) version;
        System.arraycopy(programWords, 0, words, 1, programWords.length);
        return words;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FallbackAddress other && version == other.version && Arrays.equals(program, other.program);
    }

    @Override
    public int hashCode() {
        return 31 * version + Arrays.hashCode(program);
    }

    @Override
    public String toString() {
        return "FallbackAddress[version=" + version + ", program=" + HexFormat.of().formatHex(program) + "]";
    }
}
