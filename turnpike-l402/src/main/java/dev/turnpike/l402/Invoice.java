package dev.turnpike.l402;

import java.util.Objects;

/**
 * A Lightning invoice returned by a {@link Challenger}: the BOLT11 string and its payment hash (given separately
 * so this module needs no BOLT11 decoder; the Lightning module must keep them consistent).
 *
 * @param bolt11      the payment request
 * @param paymentHash the payment hash encoded in it
 */
public record Invoice(String bolt11, PaymentHash paymentHash) {
    public Invoice {
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(paymentHash, "paymentHash");
        if (bolt11.isEmpty() || bolt11.indexOf('"') >= 0 || bolt11.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("invoice must be non-empty and contain no quote or backslash");
        }
    }
}
