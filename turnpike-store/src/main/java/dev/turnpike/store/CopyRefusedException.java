package dev.turnpike.store;

/** A copy of the store was refused before anything was written: the message says why and what to do. */
public final class CopyRefusedException extends RuntimeException {

    /** Why: the target holds data already, or a gateway has the source or the target open. */
    public enum Reason { TARGET_NOT_EMPTY, IN_USE }

    private final Reason reason;

    CopyRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
