package dev.turnpike.client.pay;

import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.node.PaymentLimits;

/** The checks every payer makes before its wallet is asked: a valid invoice that states an amount within the limit. */
final class InvoiceLimits {

    private InvoiceLimits() {}

    /** The decoded invoice, if it may be paid under {@code limits}. */
    static Bolt11Invoice check(String bolt11, PaymentLimits limits) throws PaymentRefusedException {
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11Invoice.decode(bolt11);
        } catch (Bolt11Exception e) {
            throw new PaymentRefusedException(PaymentRefusedException.Reason.INVALID_INVOICE,
                    "not a valid BOLT #11 invoice: " + e.getMessage());
        }
        long amount = invoice.amountMsat().orElseThrow(() -> new PaymentRefusedException(
                PaymentRefusedException.Reason.INVALID_INVOICE, "the invoice states no amount"));
        if (amount > limits.maxAmountMsat()) {
            throw new PaymentRefusedException(PaymentRefusedException.Reason.AMOUNT_LIMIT_EXCEEDED,
                    "the invoice asks for " + amount + " msat, more than the limit of " + limits.maxAmountMsat()
                            + " msat");
        }
        return invoice;
    }
}
