package dev.turnpike.lightning.node;

/** The request cannot succeed as made (malformed invoice, unknown wallet, bad amount); retrying will not help. */
public final class InvalidRequestException extends LightningException {

    public InvalidRequestException(String message) {
        super(message, null);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
