package dev.turnpike.l402;

/** Minting failed because the {@link Challenger} or the {@link RootKeyWriter} failed; the cause says which. */
public final class MintException extends Exception {
    private static final long serialVersionUID = 1L;

    public MintException(String message, Throwable cause) {
        super(message, cause);
    }
}
