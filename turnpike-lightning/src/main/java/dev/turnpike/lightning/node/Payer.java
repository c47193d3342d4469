package dev.turnpike.lightning.node;

/**
 * What a client needs to pay an invoice.
 *
 * <p>Contract for implementations: {@link #pay} returns or throws within the implementation's configured
 * timeout. Paying the same invoice twice never pays twice: the second attempt fails with
 * {@link PaymentFailedException.Reason#INVOICE_ALREADY_PAID} (or, for a remote node, returns the first
 * result). Safe to call from many threads.
 */
public interface Payer {

    /**
     * Pays a BOLT #11 invoice that states its amount.
     *
     * @return the preimage, the fee paid, and the payment hash
     * @throws PaymentFailedException if the payment was refused and not made
     * @throws InvalidRequestException if {@code bolt11} is not a valid invoice, has no amount, or the payer
     *     does not exist
     * @throws BackendUnavailableException if the node failed or timed out: the payment may or may not have
     *     been made
     */
    PaymentResult pay(String bolt11, PaymentLimits limits) throws LightningException;
}
