package dev.turnpike.client.bifrost;

/**
 * The bridge could not be asked: not reachable, timed out, failed (5xx), or answered with more than the client
 * reads. Trying again later may succeed.
 */
public final class BifrostUnavailableException extends BifrostException {
    private static final long serialVersionUID = 1L;

    BifrostUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
