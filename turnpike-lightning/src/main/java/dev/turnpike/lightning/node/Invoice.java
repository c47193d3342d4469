package dev.turnpike.lightning.node;

import dev.turnpike.lightning.crypto.PaymentHash;
import java.time.Instant;
import java.util.Objects;

/**
 * An invoice as a backend knows it. Holds no secret: the preimage goes only to whoever pays.
 *
 * @param bolt11 the BOLT #11 string to hand to the payer
 * @param createdAt the invoice's timestamp (whole seconds)
 * @param expiresAt when an unpaid invoice expires
 */
public record Invoice(String bolt11, PaymentHash paymentHash, long amountMsat, Instant createdAt, Instant expiresAt,
        InvoiceState state) {

    public Invoice {
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(paymentHash, "paymentHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
    }
}
