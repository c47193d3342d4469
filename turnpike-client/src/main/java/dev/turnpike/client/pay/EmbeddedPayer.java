package dev.turnpike.client.pay;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.embedded.EmbeddedNode;
import dev.turnpike.lightning.embedded.WalletId;
import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pays from a dev wallet of an {@link EmbeddedNode} in this process (tests, the demo). Internal payments cost no
 * fee.
 *
 * <p>{@link #status} knows the preimages of the payments this instance made. An invoice the node reports settled
 * that this instance did not pay (another payer, or before a restart: the node's public API does not give out
 * preimages) is reported {@link PaymentStatus.Failed} with that explanation: its token cannot be rebuilt, and
 * paying that invoice again is refused by the node, so nothing is paid twice for it.
 */
public final class EmbeddedPayer implements ResumablePayer {

    private final EmbeddedNode node;
    private final WalletId wallet;
    private final Map<PaymentHash, PaymentResult> made = new ConcurrentHashMap<>();

    public EmbeddedPayer(EmbeddedNode node, WalletId wallet) {
        this.node = Objects.requireNonNull(node, "node");
        this.wallet = Objects.requireNonNull(wallet, "wallet");
    }

    @Override
    public PaymentResult pay(String bolt11, PaymentLimits limits) throws PayerException {
        try {
            PaymentResult result = node.payer(wallet).pay(bolt11, limits);
            made.put(result.paymentHash(), result);
            return result;
        } catch (PaymentFailedException e) {
            throw new PaymentRefusedException(reason(e.reason()), e.getMessage());
        } catch (InvalidRequestException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("no wallet")) {
                throw new WalletAuthenticationException(e.getMessage(), 0);
            }
            throw new PaymentRefusedException(PaymentRefusedException.Reason.INVALID_INVOICE, e.getMessage());
        } catch (BackendUnavailableException e) {
            throw new PayerUnavailableException(e.getMessage(), e, true);
        } catch (LightningException e) {
            throw new PayerUnavailableException(e.getMessage(), e, true);
        }
    }

    @Override
    public Optional<PaymentStatus> status(PaymentHash paymentHash) throws PayerException {
        PaymentResult mine = made.get(paymentHash);
        if (mine != null) {
            return Optional.of(new PaymentStatus.Succeeded(mine.preimage(), mine.feeMsat()));
        }
        Optional<Invoice> invoice;
        try {
            invoice = node.lookup(paymentHash);
        } catch (LightningException e) {
            throw new PayerUnavailableException(e.getMessage(), e, true);
        }
        if (invoice.isEmpty()) {
            return Optional.empty();
        }
        return switch (invoice.get().state()) {
            case OPEN -> Optional.empty();
            case SETTLED -> Optional.of(new PaymentStatus.Failed(
                    "the invoice is settled, but not by this payer in this process: its preimage is not available"));
            case EXPIRED -> Optional.of(new PaymentStatus.Failed("the invoice expired unpaid"));
            case CANCELLED -> Optional.of(new PaymentStatus.Failed("the invoice was cancelled"));
        };
    }

    private static PaymentRefusedException.Reason reason(PaymentFailedException.Reason reason) {
        try {
            return PaymentRefusedException.Reason.valueOf(reason.name());
        } catch (IllegalArgumentException newerReason) {
            return PaymentRefusedException.Reason.REJECTED;
        }
    }

    @Override
    public String describe() {
        return "embedded wallet " + wallet;
    }
}
