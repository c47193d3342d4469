package dev.turnpike.devnode;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.InvoiceState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the embedded node keeps its invoices and wallets. Every method is atomic; {@link #settle} is the
 * payment itself, so that two payments of one invoice cannot both succeed. Failures of the underlying
 * storage are {@link StoreException}s.
 */
interface NodeStore extends AutoCloseable {

    void insertInvoice(StoredInvoice invoice);

    Optional<StoredInvoice> invoice(PaymentHash paymentHash);

    /**
     * Moves an OPEN invoice to {@code target} (EXPIRED or CANCELLED); leaves other states alone. Empty if
     * there is no such invoice.
     */
    Optional<Change> closeIfOpen(PaymentHash paymentHash, InvoiceState target);

    /**
     * Pays an invoice from a wallet: if the invoice is OPEN and not expired at {@code now} and the wallet
     * holds its amount, debits the wallet, credits the node, and marks the invoice SETTLED; an OPEN invoice
     * found expired is marked EXPIRED instead.
     */
    Settlement settle(PaymentHash paymentHash, WalletId payer, Instant now);

    void insertWallet(WalletId id, byte[] apiKeyHash, Optional<String> name, Instant createdAt);

    /** The newest wallets first, at most {@code limit}. */
    List<WalletSummary> wallets(int limit);

    Optional<WalletId> walletByApiKeyHash(byte[] apiKeyHash);

    /** The wallet's balance; empty if there is no such wallet. */
    OptionalLong balance(WalletId id);

    /**
     * Adds to a wallet's balance and returns the new balance; empty if there is no such wallet.
     *
     * @throws IllegalArgumentException if the balance would pass {@code maxBalanceMsat}
     */
    OptionalLong credit(WalletId id, long amountMsat, long maxBalanceMsat);

    /** What the node has received from settled invoices. */
    long receivedMsat();

    @Override
    void close();

    /** An invoice after an operation, and whether the operation changed its state. */
    record Change(StoredInvoice invoice, boolean changed) {}

    /** The outcome of {@link #settle}. */
    record Settlement(Outcome outcome, StoredInvoice invoice, long walletBalanceMsat) {

        enum Outcome {
            SETTLED,
            /** Found OPEN but expired, and marked EXPIRED now. */
            EXPIRED_NOW,
            NOT_OPEN,
            UNKNOWN_INVOICE,
            UNKNOWN_WALLET,
            INSUFFICIENT_BALANCE
        }
    }
}
