package dev.turnpike.gateway.bifrost;

/** TEMPORARY until turnpike-bifrost's SessionState is merged. */
public enum SessionState {
    PENDING, APPROVED, DENIED, EXPIRED, CANCELLED, CONSUMED;

    public boolean isFinal() {
        return this != PENDING && this != APPROVED;
    }
}
