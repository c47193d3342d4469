package dev.turnpike.l402;

/**
 * A backend failure of a store or check (database down, timeout…). The verifier reports it as
 * {@link Reason#BACKEND_UNAVAILABLE}, never as a client error; the minter wraps it in {@link MintException}.
 */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
