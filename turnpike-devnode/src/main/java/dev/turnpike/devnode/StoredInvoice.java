package dev.turnpike.devnode;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An invoice as the node keeps it, with its preimage (redacted by {@link Preimage#toString()}) and, once
 * settled, the wallet that paid it and when (both null before).
 */
record StoredInvoice(PaymentHash paymentHash, Preimage preimage, String bolt11, long amountMsat, Instant createdAt,
        Instant expiresAt, InvoiceState state, WalletId paidBy, Instant settledAt) {

    /** A new, open invoice. */
    static StoredInvoice open(PaymentHash paymentHash, Preimage preimage, String bolt11, long amountMsat,
            Instant createdAt, Instant expiresAt) {
        return new StoredInvoice(paymentHash, preimage, bolt11, amountMsat, createdAt, expiresAt, InvoiceState.OPEN,
                null, null);
    }

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    StoredInvoice withState(InvoiceState newState) {
        return new StoredInvoice(paymentHash, preimage, bolt11, amountMsat, createdAt, expiresAt, newState, paidBy,
                settledAt);
    }

    /** Settled by {@code payer}; the time in whole seconds, as every store keeps it. */
    StoredInvoice settledBy(WalletId payer, Instant at) {
        return new StoredInvoice(paymentHash, preimage, bolt11, amountMsat, createdAt, expiresAt, InvoiceState.SETTLED,
                payer, at.truncatedTo(ChronoUnit.SECONDS));
    }

    Invoice toInvoice() {
        return new Invoice(bolt11, paymentHash, amountMsat, createdAt, expiresAt, state);
    }
}
