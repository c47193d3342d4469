package dev.turnpike.devnode;

import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Features;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.crypto.PrivateKey;
import dev.turnpike.lightning.crypto.PublicKey;
import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceBackend;
import dev.turnpike.lightning.node.InvoiceListener;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.Payer;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.lightning.node.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lightning node that lives in this process, for development: it signs real BOLT #11 invoices with its
 * own key and settles them by internal payment from dev wallets funded by a faucet. It pays only its own
 * invoices; there are no channels and no network.
 *
 * <p>An invoice past its expiry becomes EXPIRED when it is looked up or paid (there is no background sweep).
 * Listeners are called after each change is stored, on the thread that made it. Thread-safe.
 */
public final class EmbeddedNode implements InvoiceBackend, AutoCloseable {

    /** The most a wallet may hold: 21 million bitcoin. */
    public static final long MAX_BALANCE_MSAT = 21_000_000L * 100_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNode.class);
    private static final Features INVOICE_FEATURES = Features.of(Features.VAR_ONION_OPTIN, Features.PAYMENT_SECRET);

    private final PrivateKey nodeKey;
    private final Network network;
    private final Clock clock;
    private final SecureRandom random;
    private final NodeStore store;
    private final CopyOnWriteArrayList<InvoiceListener> listeners = new CopyOnWriteArrayList<>();

    private EmbeddedNode(PrivateKey nodeKey, Network network, Clock clock, SecureRandom random, NodeStore store) {
        this.nodeKey = nodeKey;
        this.network = network;
        this.clock = clock;
        this.random = random;
        this.store = store;
    }

    /**
     * A node that keeps everything in {@code dataDirectory} ({@code node.key} and the SQLite file
     * {@code node.db}), on regtest, with the system clock.
     */
    public static EmbeddedNode open(Path dataDirectory) throws IOException {
        return builder().dataDirectory(dataDirectory).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This node's id: the public key that signs its invoices. */
    public PublicKey nodeId() {
        return nodeKey.publicKey();
    }

    public Network network() {
        return network;
    }

    @Override
    public Invoice createInvoice(InvoiceRequest request) throws LightningException {
        Objects.requireNonNull(request, "request");
        if (request.amountMsat() > MAX_BALANCE_MSAT) {
            throw new InvalidRequestException("amount " + request.amountMsat() + " msat is more than 21 million bitcoin");
        }
        Instant createdAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Preimage preimage = Preimage.random(random);
        PaymentHash paymentHash = preimage.hash();
        byte[] paymentSecret = new byte[32];
        random.nextBytes(paymentSecret);
        Bolt11Invoice bolt11 = Bolt11Invoice.builder(network)
                .amountMsat(request.amountMsat())
                .timestamp(createdAt)
                .paymentHash(paymentHash)
                .paymentSecret(paymentSecret)
                .description(request.memo())
                .expirySeconds(request.expiry().toSeconds())
                .features(INVOICE_FEATURES)
                .sign(nodeKey);
        StoredInvoice invoice = StoredInvoice.open(paymentHash, preimage, bolt11.encoded(), request.amountMsat(),
                createdAt, bolt11.expiresAt());
        stored(() -> {
            store.insertInvoice(invoice);
            return null;
        });
        return invoice.toInvoice();
    }

    @Override
    public Optional<Invoice> lookup(PaymentHash paymentHash) throws LightningException {
        Objects.requireNonNull(paymentHash, "paymentHash");
        Optional<StoredInvoice> found = stored(() -> store.invoice(paymentHash));
        if (found.isPresent() && found.get().state() == InvoiceState.OPEN && found.get().isExpiredAt(clock.instant())) {
            return Optional.of(close(paymentHash, InvoiceState.EXPIRED));
        }
        return found.map(StoredInvoice::toInvoice);
    }

    /**
     * Cancels an OPEN invoice so it can no longer be paid; an expired or cancelled one is returned as it is.
     *
     * @throws InvalidRequestException if there is no such invoice or it is already paid
     */
    public Invoice cancel(PaymentHash paymentHash) throws LightningException {
        Optional<Invoice> current = lookup(paymentHash);
        if (current.isEmpty()) {
            throw new InvalidRequestException("no invoice with payment hash " + paymentHash);
        }
        Invoice invoice = close(paymentHash, InvoiceState.CANCELLED);
        if (invoice.state() == InvoiceState.SETTLED) {
            throw new InvalidRequestException("invoice " + paymentHash + " is already paid and cannot be cancelled");
        }
        return invoice;
    }

    private Invoice close(PaymentHash paymentHash, InvoiceState target) throws LightningException {
        NodeStore.Change change = stored(() -> store.closeIfOpen(paymentHash, target)).orElseThrow();
        Invoice invoice = change.invoice().toInvoice();
        if (change.changed()) {
            notifyListeners(invoice);
        }
        return invoice;
    }

    @Override
    public Subscription subscribe(InvoiceListener listener) {
        Objects.requireNonNull(listener, "listener");
        // A fresh wrapper per subscription, so that closing one removes exactly that registration.
        InvoiceListener registration = listener::onInvoiceUpdated;
        listeners.add(registration);
        return () -> listeners.remove(registration);
    }

    /** Creates a wallet with a zero balance; the API key in the result is not stored and is shown only once. */
    public WalletCredentials createWallet() throws LightningException {
        return createWallet(Optional.empty());
    }

    /** {@link #createWallet()} with a name for listings (the caller bounds it). */
    public WalletCredentials createWallet(Optional<String> name) throws LightningException {
        WalletId id = WalletId.random(random);
        ApiKey apiKey = ApiKey.random(random);
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        stored(() -> {
            store.insertWallet(id, apiKey.hash(), name, now);
            return null;
        });
        return new WalletCredentials(id, apiKey);
    }

    /** The newest wallets first, at most {@code limit}, without their keys. */
    public List<WalletSummary> wallets(int limit) throws LightningException {
        return stored(() -> store.wallets(limit));
    }

    /** The wallet this API key spends from; empty if none. */
    public Optional<WalletId> authenticate(ApiKey apiKey) throws LightningException {
        return stored(() -> store.walletByApiKeyHash(apiKey.hash()));
    }

    /**
     * The dev faucet: adds {@code amountMsat} to a wallet's balance.
     *
     * @return the new balance
     * @throws InvalidRequestException if the wallet does not exist, the amount is not positive, or the balance
     *     would pass {@link #MAX_BALANCE_MSAT}
     */
    public long fund(WalletId wallet, long amountMsat) throws LightningException {
        if (amountMsat <= 0) {
            throw new InvalidRequestException("funding amount must be positive: " + amountMsat);
        }
        try {
            return stored(() -> store.credit(wallet, amountMsat, MAX_BALANCE_MSAT))
                    .orElseThrow(() -> new InvalidRequestException("no wallet " + wallet));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("cannot fund wallet " + wallet + ": " + e.getMessage(), e);
        }
    }

    /** @throws InvalidRequestException if the wallet does not exist */
    public long balanceMsat(WalletId wallet) throws LightningException {
        return stored(() -> store.balance(wallet)).orElseThrow(() -> new InvalidRequestException("no wallet " + wallet));
    }

    /** What this node has received from settled invoices. */
    public long receivedMsat() throws LightningException {
        return stored(store::receivedMsat);
    }

    /**
     * The payment {@code wallet} made of the invoice with this hash, with its preimage: how a wallet learns
     * the outcome of a payment whose answer it lost (a client that crashed while paying). Empty if this
     * wallet did not pay that invoice.
     */
    public Optional<WalletPayment> payment(WalletId wallet, PaymentHash paymentHash) throws LightningException {
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(paymentHash, "paymentHash");
        return stored(() -> store.invoice(paymentHash))
                .filter(i -> wallet.equals(i.paidBy()))
                .map(i -> new WalletPayment(i.paymentHash(), i.amountMsat(), 0, i.preimage(), i.settledAt()));
    }

    /** A payer that spends from {@code wallet}; the wallet is checked when paying. */
    public Payer payer(WalletId wallet) {
        Objects.requireNonNull(wallet, "wallet");
        return (bolt11, limits) -> pay(wallet, bolt11, limits);
    }

    private PaymentResult pay(WalletId wallet, String bolt11, PaymentLimits limits) throws LightningException {
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(limits, "limits");
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11Invoice.decode(bolt11);
        } catch (Bolt11Exception e) {
            throw new InvalidRequestException("not a valid BOLT #11 invoice: " + e.getMessage(), e);
        }
        if (!invoice.payee().equals(nodeId())) {
            throw new PaymentFailedException(PaymentFailedException.Reason.UNREACHABLE_PAYEE,
                    "the invoice is payable to node " + invoice.payee().toHex() + ", but the embedded node "
                            + nodeId().toHex() + " can only pay its own invoices");
        }
        long amount = invoice.amountMsat().orElseThrow(
                () -> new InvalidRequestException("invoices without an amount are not supported"));
        if (amount > limits.maxAmountMsat()) {
            throw new PaymentFailedException(PaymentFailedException.Reason.AMOUNT_LIMIT_EXCEEDED,
                    "the invoice asks for " + amount + " msat, more than the limit of " + limits.maxAmountMsat());
        }
        // Internal payments cost no fee, so no fee limit can be exceeded.
        PaymentHash hash = invoice.paymentHash();
        NodeStore.Settlement settlement = stored(() -> store.settle(hash, wallet, clock.instant()));
        return switch (settlement.outcome()) {
            case SETTLED -> {
                notifyListeners(settlement.invoice().toInvoice());
                yield new PaymentResult(settlement.invoice().preimage(), 0, hash);
            }
            case EXPIRED_NOW -> {
                notifyListeners(settlement.invoice().toInvoice());
                throw expired(settlement.invoice());
            }
            case NOT_OPEN -> throw notOpen(settlement.invoice());
            case UNKNOWN_INVOICE -> throw new PaymentFailedException(PaymentFailedException.Reason.UNKNOWN_INVOICE,
                    "this node has no invoice with payment hash " + hash);
            case UNKNOWN_WALLET -> throw new InvalidRequestException("no wallet " + wallet);
            case INSUFFICIENT_BALANCE -> throw new PaymentFailedException(
                    PaymentFailedException.Reason.INSUFFICIENT_BALANCE, "wallet " + wallet + " holds "
                            + settlement.walletBalanceMsat() + " msat, the invoice asks for " + amount);
        };
    }

    private static PaymentFailedException expired(StoredInvoice invoice) {
        return new PaymentFailedException(PaymentFailedException.Reason.INVOICE_EXPIRED,
                "invoice " + invoice.paymentHash() + " expired at " + invoice.expiresAt());
    }

    private static PaymentFailedException notOpen(StoredInvoice invoice) {
        return switch (invoice.state()) {
            case SETTLED -> new PaymentFailedException(PaymentFailedException.Reason.INVOICE_ALREADY_PAID,
                    "invoice " + invoice.paymentHash() + " is already paid");
            case CANCELLED -> new PaymentFailedException(PaymentFailedException.Reason.INVOICE_CANCELLED,
                    "invoice " + invoice.paymentHash() + " was cancelled");
            case EXPIRED -> expired(invoice);
            case OPEN -> throw new IllegalStateException("an open invoice was reported not open");
        };
    }

    private void notifyListeners(Invoice invoice) {
        for (InvoiceListener listener : listeners) {
            try {
                listener.onInvoiceUpdated(invoice);
            } catch (RuntimeException e) {
                LOG.warn("invoice listener failed for {}", invoice.paymentHash(), e);
            }
        }
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T call();
    }

    /** Runs a store operation, reporting a storage failure as the backend being unavailable. */
    private static <T> T stored(StoreCall<T> call) throws BackendUnavailableException {
        try {
            return call.call();
        } catch (StoreException e) {
            throw new BackendUnavailableException("embedded node storage failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "EmbeddedNode[" + network + ", " + nodeId().toHex() + "]";
    }

    /** Configures an {@link EmbeddedNode}. Without a data directory everything is in memory with a fresh key. */
    public static final class Builder {

        private Network network = Network.REGTEST;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;
        private Path dataDirectory;
        private PrivateKey nodeKey;

        private Builder() {}

        /** The network of the invoices; regtest by default. */
        public Builder network(Network network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /** The clock for invoice timestamps and expiry; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of keys, preimages, secrets, wallet ids and API keys; a new SecureRandom by default. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Keep the node key ({@code node.key}, created on first start) and the invoices and wallets (SQLite
         * {@code node.db}) in this directory, so that they survive restarts.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /** Use this key instead of the data directory's key file or a fresh one. */
        public Builder nodeKey(PrivateKey nodeKey) {
            this.nodeKey = Objects.requireNonNull(nodeKey, "nodeKey");
            return this;
        }

        /** @throws IOException if the data directory's key file or database cannot be read or created */
        public EmbeddedNode build() throws IOException {
            SecureRandom rng = random != null ? random : new SecureRandom();
            if (dataDirectory == null) {
                return new EmbeddedNode(nodeKey != null ? nodeKey : PrivateKey.generate(rng), network, clock, rng,
                        new InMemoryNodeStore());
            }
            PrivateKey key = nodeKey != null ? nodeKey : NodeKeyFile.loadOrCreate(dataDirectory.resolve("node.key"), rng);
            return new EmbeddedNode(key, network, clock, rng, SqliteNodeStore.open(dataDirectory.resolve("node.db")));
        }
    }
}
