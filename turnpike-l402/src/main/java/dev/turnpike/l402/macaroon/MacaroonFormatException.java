package dev.turnpike.l402.macaroon;

/**
 * The typed error raised by {@link MacaroonCodec} (and the base64 helpers) when input is not a
 * well-formed, canonical, in-bounds macaroon. It is the <em>only</em> exception the codec lets escape
 * for any input: fuzz tests feed random and mutated bytes to check this.
 *
 * <p>It carries no stack trace (it is cheap to create on the hot path of rejecting garbage) and its
 * message never contains secret material.
 */
public final class MacaroonFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message a short human description of what was wrong (no input bytes are echoed) */
    public MacaroonFormatException(String message) {
        super(message, null, false, false);
    }
}
