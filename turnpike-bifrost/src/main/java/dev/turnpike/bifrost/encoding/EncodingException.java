package dev.turnpike.bifrost.encoding;

/**
 * Text that is not a valid, canonical, in-bounds encoding. The message says what is wrong and where; it quotes at
 * most the one offending character, never the input. Stackless: rejecting garbage is cheap.
 */
public final class EncodingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;

    EncodingException(String message, int position) {
        super(message, null, false, false);
        this.position = position;
    }

    /** Index of the offending character, or -1 when the fault has no single position (e.g. the length). */
    public int position() {
        return position;
    }

    static EncodingException invalidCharacter(String encoding, char c, int index) {
        String shown = c >= 0x21 && c <= 0x7e ? "'" + c + "'" : String.format("U+%04X", (int) c);
        return new EncodingException("invalid " + encoding + " character " + shown + " at index " + index, index);
    }
}
