package dev.turnpike.lightning.embedded;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceState;
import java.time.Instant;

/** An invoice as the node keeps it, with its preimage (redacted by {@link Preimage#toString()}). */
record StoredInvoice(PaymentHash paymentHash, Preimage preimage, String bolt11, long amountMsat, Instant createdAt,
        Instant expiresAt, InvoiceState state) {

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    StoredInvoice withState(InvoiceState newState) {
        return new StoredInvoice(paymentHash, preimage, bolt11, amountMsat, createdAt, expiresAt, newState);
    }

    Invoice toInvoice() {
        return new Invoice(bolt11, paymentHash, amountMsat, createdAt, expiresAt, state);
    }
}
