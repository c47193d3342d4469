package dev.turnpike.devnode;

/** The node's storage failed (a file or database error). */
final class StoreException extends RuntimeException {

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
