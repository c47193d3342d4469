package dev.turnpike.lightning.bech32;

/** A string or 5-bit sequence that is not valid bech32; {@link #reason()} says what is wrong. */
public final class Bech32Exception extends Exception {

    /** What is wrong with the input. */
    public enum Reason {
        TOO_LONG,
        INVALID_CHARACTER,
        MIXED_CASE,
        NO_SEPARATOR,
        EMPTY_HRP,
        HRP_TOO_LONG,
        CHECKSUM_TOO_SHORT,
        INVALID_CHECKSUM,
        INVALID_PADDING
    }

    private final Reason reason;
    private final int position;

    Bech32Exception(Reason reason, int position, String message) {
        super(message);
        this.reason = reason;
        this.position = position;
    }

    public Reason reason() {
        return reason;
    }

    /** Index of the offending character in the input, or -1 when the fault has no single position. */
    public int position() {
        return position;
    }
}
