package dev.turnpike.client.bifrost;

/**
 * Why a Bifrost call of the application or the wallet did not succeed. The subclasses say precisely why; messages
 * never hold a key seed, a poll token or a delegation token, and text from the bridge in them is made printable.
 */
public abstract class BifrostException extends Exception {
    private static final long serialVersionUID = 1L;

    BifrostException(String message) {
        super(message);
    }

    BifrostException(String message, Throwable cause) {
        super(message, cause);
    }
}
