package dev.turnpike.client.pay;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import java.util.Optional;

/**
 * What the L402 client pays with: a wallet that pays an invoice and, after a crash, can tell what became of a
 * payment by its hash. Owned by the client (the Lightning module's {@code Payer} has no status query).
 *
 * <p>Contract: {@link #pay} enforces {@link PaymentLimits#maxAmountMsat()} before paying and
 * {@link PaymentLimits#maxFeeMsat()} where the wallet lets it (otherwise it reports the fee it paid); it returns or
 * throws within its configured timeout. Implementations are thread-safe.
 */
public interface ResumablePayer {

    /**
     * Pays a BOLT #11 invoice that states its amount.
     *
     * @throws PaymentRefusedException       nothing was paid
     * @throws WalletAuthenticationException the wallet refused the key; nothing was paid
     * @throws PayerUnavailableException     the outcome may be unknown (see its {@code mayHaveBeenMade})
     */
    PaymentResult pay(String bolt11, PaymentLimits limits) throws PayerException;

    /**
     * What the wallet knows of the outgoing payment with this hash; empty if it has no record of one (it was never
     * sent from this wallet, so paying is safe).
     */
    Optional<PaymentStatus> status(PaymentHash paymentHash) throws PayerException;

    /** A short description for messages, e.g. {@code lnbits http://127.0.0.1:5000}; never holds the key. */
    default String describe() {
        return getClass().getSimpleName();
    }
}
