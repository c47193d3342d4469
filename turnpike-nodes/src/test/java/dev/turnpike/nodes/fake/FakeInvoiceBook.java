package dev.turnpike.nodes.fake;

import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Features;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.crypto.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A fake node's invoices: signed with its own key, settled when a test (or a payment) says so. Thread-safe. */
public final class FakeInvoiceBook {

    private final SecureRandom random = new SecureRandom();
    private final PrivateKey nodeKey = PrivateKey.generate(random);
    private final Network network;
    private final Map<PaymentHash, FakeInvoice> invoices = new ConcurrentHashMap<>();
    private final List<Consumer<FakeInvoice>> settleListeners = new CopyOnWriteArrayList<>();
    private long addIndex;
    private long settleIndex;

    public FakeInvoiceBook(Network network) {
        this.network = network;
    }

    public synchronized FakeInvoice issue(long amountMsat, String memo, long expirySeconds, String label,
            Tamper tamper) {
        Preimage preimage = Preimage.random(random);
        PaymentHash hash = preimage.hash();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        Bolt11Invoice bolt11 = Bolt11Invoice.builder(tamper == Tamper.WRONG_NETWORK ? Network.TESTNET : network)
                .amountMsat(tamper == Tamper.WRONG_AMOUNT ? amountMsat + 1000 : amountMsat)
                .timestamp(now)
                .paymentHash(tamper == Tamper.WRONG_HASH ? Preimage.random(random).hash() : hash)
                .paymentSecret(secret)
                .description(memo)
                .expirySeconds(expirySeconds)
                .features(Features.of(Features.VAR_ONION_OPTIN, Features.PAYMENT_SECRET))
                .sign(nodeKey);
        FakeInvoice invoice = new FakeInvoice(bolt11.encoded(), hash, preimage, amountMsat, memo, label, now,
                expirySeconds, ++addIndex);
        invoices.put(hash, invoice);
        return invoice;
    }

    public Optional<FakeInvoice> get(PaymentHash hash) {
        return Optional.ofNullable(invoices.get(hash));
    }

    public Optional<FakeInvoice> byLabel(String label) {
        return invoices.values().stream().filter(i -> label.equals(i.label)).findFirst();
    }

    /** Marks the invoice paid (as if a payment arrived) and tells the fake's streams; false if it was not open. */
    public boolean settle(PaymentHash hash) {
        FakeInvoice invoice = invoices.get(hash);
        if (invoice == null) {
            throw new IllegalArgumentException("no invoice " + hash);
        }
        synchronized (this) {
            if (!invoice.settle(settleIndex + 1, Instant.now())) {
                return false;
            }
            settleIndex++;
        }
        settleListeners.forEach(l -> l.accept(invoice));
        return true;
    }

    /** Settled invoices with a settle index above {@code index}, in order. */
    public List<FakeInvoice> settledAfter(long index) {
        List<FakeInvoice> settled = new ArrayList<>();
        for (FakeInvoice invoice : invoices.values()) {
            if (invoice.settleIndex() > index) {
                settled.add(invoice);
            }
        }
        settled.sort(Comparator.comparingLong(FakeInvoice::settleIndex));
        return settled;
    }

    public synchronized long lastSettleIndex() {
        return settleIndex;
    }

    void onSettled(Consumer<FakeInvoice> listener) {
        settleListeners.add(listener);
    }

    public Network network() {
        return network;
    }
}
