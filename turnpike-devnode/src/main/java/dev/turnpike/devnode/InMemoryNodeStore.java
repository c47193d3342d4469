package dev.turnpike.devnode;

import dev.turnpike.devnode.NodeStore.Settlement.Outcome;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.InvoiceState;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedMap;

/** A store that forgets everything when the process ends: for tests and throw-away nodes. One lock for all. */
final class InMemoryNodeStore implements NodeStore {

    private final Map<PaymentHash, StoredInvoice> invoices = new HashMap<>();
    private final Map<WalletId, Long> balances = new HashMap<>();
    private final Map<String, WalletId> walletsByKeyHash = new HashMap<>();
    /** Each wallet's name and creation time, in creation order. */
    private final SequencedMap<WalletId, WalletSummary> created = new LinkedHashMap<>();
    private long receivedMsat;

    @Override
    public synchronized void insertInvoice(StoredInvoice invoice) {
        if (invoices.putIfAbsent(invoice.paymentHash(), invoice) != null) {
            throw new IllegalStateException("duplicate payment hash " + invoice.paymentHash());
        }
    }

    @Override
    public synchronized Optional<StoredInvoice> invoice(PaymentHash paymentHash) {
        return Optional.ofNullable(invoices.get(paymentHash));
    }

    @Override
    public synchronized Optional<Change> closeIfOpen(PaymentHash paymentHash, InvoiceState target) {
        StoredInvoice invoice = invoices.get(paymentHash);
        if (invoice == null) {
            return Optional.empty();
        }
        if (invoice.state() != InvoiceState.OPEN) {
            return Optional.of(new Change(invoice, false));
        }
        StoredInvoice closed = invoice.withState(target);
        invoices.put(paymentHash, closed);
        return Optional.of(new Change(closed, true));
    }

    @Override
    public synchronized Settlement settle(PaymentHash paymentHash, WalletId payer, Instant now) {
        StoredInvoice invoice = invoices.get(paymentHash);
        if (invoice == null) {
            return new Settlement(Outcome.UNKNOWN_INVOICE, null, 0);
        }
        Long balance = balances.get(payer);
        if (balance == null) {
            return new Settlement(Outcome.UNKNOWN_WALLET, invoice, 0);
        }
        if (invoice.state() != InvoiceState.OPEN) {
            return new Settlement(Outcome.NOT_OPEN, invoice, balance);
        }
        if (invoice.isExpiredAt(now)) {
            StoredInvoice expired = invoice.withState(InvoiceState.EXPIRED);
            invoices.put(paymentHash, expired);
            return new Settlement(Outcome.EXPIRED_NOW, expired, balance);
        }
        if (balance < invoice.amountMsat()) {
            return new Settlement(Outcome.INSUFFICIENT_BALANCE, invoice, balance);
        }
        long newBalance = balance - invoice.amountMsat();
        balances.put(payer, newBalance);
        receivedMsat += invoice.amountMsat();
        StoredInvoice settled = invoice.settledBy(payer, now);
        invoices.put(paymentHash, settled);
        return new Settlement(Outcome.SETTLED, settled, newBalance);
    }

    @Override
    public synchronized void insertWallet(WalletId id, byte[] apiKeyHash, Optional<String> name, Instant createdAt) {
        if (balances.putIfAbsent(id, 0L) != null) {
            throw new IllegalStateException("duplicate wallet id " + id);
        }
        walletsByKeyHash.put(HexFormat.of().formatHex(apiKeyHash), id);
        created.put(id, new WalletSummary(id, name, 0, Optional.of(createdAt)));
    }

    @Override
    public synchronized List<WalletSummary> wallets(int limit) {
        return created.sequencedValues().reversed().stream().limit(limit)
                .map(w -> new WalletSummary(w.id(), w.name(), balances.get(w.id()), w.createdAt())).toList();
    }

    @Override
    public synchronized Optional<WalletId> walletByApiKeyHash(byte[] apiKeyHash) {
        return Optional.ofNullable(walletsByKeyHash.get(HexFormat.of().formatHex(apiKeyHash)));
    }

    @Override
    public synchronized OptionalLong balance(WalletId id) {
        Long balance = balances.get(id);
        return balance == null ? OptionalLong.empty() : OptionalLong.of(balance);
    }

    @Override
    public synchronized OptionalLong credit(WalletId id, long amountMsat, long maxBalanceMsat) {
        Long balance = balances.get(id);
        if (balance == null) {
            return OptionalLong.empty();
        }
        if (amountMsat > maxBalanceMsat - balance) {
            throw new IllegalArgumentException("balance would exceed " + maxBalanceMsat + " msat");
        }
        balances.put(id, balance + amountMsat);
        return OptionalLong.of(balance + amountMsat);
    }

    @Override
    public synchronized long receivedMsat() {
        return receivedMsat;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
