package dev.turnpike.lightning.node;

/** Told of every change of an invoice's state. */
@FunctionalInterface
public interface InvoiceListener {

    /**
     * Called after {@code invoice} moved to its (new) state. Called on the thread that made the change, so it
     * must be quick and must not block; an exception it throws is logged and otherwise ignored.
     */
    void onInvoiceUpdated(Invoice invoice);
}
