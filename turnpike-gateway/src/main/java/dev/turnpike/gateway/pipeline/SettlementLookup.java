package dev.turnpike.gateway.pipeline;

import dev.turnpike.l402.PaymentHash;

/**
 * Asks the Lightning backend whether the invoice with a payment hash is settled, for {@code strict_verify}.
 * Called off the event loop; may block up to the backend's timeout.
 */
@FunctionalInterface
public interface SettlementLookup {

    /**
     * @return true if the backend reports the invoice settled; false if it is open, expired, cancelled or unknown
     * @throws Exception if the backend cannot be asked (then the request is answered 503, nothing is remembered)
     */
    boolean isSettled(PaymentHash paymentHash) throws Exception;
}
