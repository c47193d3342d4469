package dev.turnpike.lightning.node;

/**
 * A failure of a Lightning backend. The subtype tells the caller what to do: retry later
 * ({@link BackendUnavailableException}), fix the request ({@link InvalidRequestException}), or accept that
 * the payment did not happen ({@link PaymentFailedException}).
 */
public abstract sealed class LightningException extends Exception
        permits BackendUnavailableException, InvalidRequestException, PaymentFailedException {

    LightningException(String message, Throwable cause) {
        super(message, cause);
    }
}
