package dev.turnpike.gateway.pipeline;

import dev.turnpike.l402.PaymentHash;

/**
 * Told when a valid token proves its invoice paid (its preimage hashes to the payment hash), so that the books learn
 * of payments the Lightning backend never reported to this gateway: an invoice another gateway asked for, or one
 * paid while the gateway that asked for it was down. Called on the event loop, so it must not block.
 */
@FunctionalInterface
public interface PaymentProofs {

    /** Tells nobody. */
    PaymentProofs IGNORED = paymentHash -> {};

    void proven(PaymentHash paymentHash);
}
