package dev.turnpike.lightning.node;

/**
 * The backend could not be reached, failed internally, or did not answer within its timeout. Retrying later
 * may succeed. For {@link Payer#pay} the payment's outcome is then unknown: it may have been made.
 */
public final class BackendUnavailableException extends LightningException {

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
