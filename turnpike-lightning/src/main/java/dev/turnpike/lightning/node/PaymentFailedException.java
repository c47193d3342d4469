package dev.turnpike.lightning.node;

import java.util.Objects;

/** A payment was refused and definitely not made; {@link #reason()} says why. */
public final class PaymentFailedException extends LightningException {

    /** Why a payment was refused. */
    public enum Reason {
        INSUFFICIENT_BALANCE,
        INVOICE_EXPIRED,
        INVOICE_ALREADY_PAID,
        INVOICE_CANCELLED,
        UNKNOWN_INVOICE,
        /** The invoice is payable to a node this payer cannot reach. */
        UNREACHABLE_PAYEE,
        AMOUNT_LIMIT_EXCEEDED,
        FEE_LIMIT_EXCEEDED
    }

    private final Reason reason;

    public PaymentFailedException(Reason reason, String message) {
        super(message, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
