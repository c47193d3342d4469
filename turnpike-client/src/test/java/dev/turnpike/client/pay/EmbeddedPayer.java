package dev.turnpike.client.pay;

import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletId;
import dev.turnpike.devnode.WalletPayment;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import java.util.Objects;
import java.util.Optional;

/**
 * Pays from a dev wallet of an {@link EmbeddedNode} in this process: the client tests' payer (the SDK itself has no
 * embedded node; its dev payer is the {@link LnbitsPayer} on the gateway's dev wallet API). Internal payments cost no
 * fee.
 *
 * <p>{@link #status} asks the node for this wallet's payment, so a payment whose answer was lost (a crash, a
 * restart) is found with its preimage. An invoice settled by another wallet is {@link PaymentStatus.Failed}: its
 * token cannot be rebuilt from here, and the node refuses to have it paid twice.
 */
public final class EmbeddedPayer implements ResumablePayer {

    private final EmbeddedNode node;
    private final WalletId wallet;

    public EmbeddedPayer(EmbeddedNode node, WalletId wallet) {
        this.node = Objects.requireNonNull(node, "node");
        this.wallet = Objects.requireNonNull(wallet, "wallet");
    }

    @Override
    public PaymentResult pay(String bolt11, PaymentLimits limits) throws PayerException {
        try {
            return node.payer(wallet).pay(bolt11, limits);
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
        Optional<WalletPayment> mine;
        Optional<Invoice> invoice;
        try {
            mine = node.payment(wallet, paymentHash);
            if (mine.isPresent()) {
                return Optional.of(new PaymentStatus.Succeeded(mine.get().preimage(), mine.get().feeMsat()));
            }
            invoice = node.lookup(paymentHash);
        } catch (LightningException e) {
            throw new PayerUnavailableException(e.getMessage(), e, true);
        }
        if (invoice.isEmpty()) {
            return Optional.empty();
        }
        return switch (invoice.get().state()) {
            case OPEN -> Optional.empty();
            case SETTLED -> Optional.of(new PaymentStatus.Failed("the invoice was paid by another wallet"));
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
