package dev.turnpike.lightning.node;

/** The life of an invoice: OPEN until it is paid (SETTLED), expires (EXPIRED), or is cancelled (CANCELLED). */
public enum InvoiceState {
    OPEN,
    SETTLED,
    EXPIRED,
    CANCELLED;

    /** Whether the state can no longer change. */
    public boolean isFinal() {
        return this != OPEN;
    }
}
