package dev.turnpike.l402;

/** Minting failed because the {@link Challenger} or a store failed; {@link #part()} says which, the cause how. */
public final class MintException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What failed: the Lightning side, or the store where keys and tokens are written. */
    public enum Part { CHALLENGER, STORE }

    private final Part part;

    public MintException(Part part, String message, Throwable cause) {
        super(message, cause);
        this.part = part;
    }

    public Part part() {
        return part;
    }
}
