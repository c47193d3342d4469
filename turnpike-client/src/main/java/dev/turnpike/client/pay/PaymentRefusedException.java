package dev.turnpike.client.pay;

import java.util.Objects;

/** The wallet refused the payment, or the payer refused it before asking the wallet: no money moved. */
public final class PaymentRefusedException extends PayerException {

    /** Why. */
    public enum Reason {
        INSUFFICIENT_BALANCE,
        /** The invoice asks for more than the limit given to the payer. */
        AMOUNT_LIMIT_EXCEEDED,
        FEE_LIMIT_EXCEEDED,
        INVOICE_EXPIRED,
        INVOICE_ALREADY_PAID,
        INVOICE_CANCELLED,
        UNKNOWN_INVOICE,
        UNREACHABLE_PAYEE,
        /** Not a BOLT #11 invoice, or one without an amount. */
        INVALID_INVOICE,
        /** Any other refusal; the message says what the wallet said. */
        REJECTED
    }

    private final Reason reason;

    public PaymentRefusedException(Reason reason, String message) {
        super(message, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
