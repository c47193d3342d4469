package dev.turnpike.nodes.backend;

import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.HealthReporting;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceBackend;
import dev.turnpike.lightning.node.InvoiceListener;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.NodeHealth;
import dev.turnpike.lightning.node.Subscription;
import dev.turnpike.nodes.http.NodeCallException;
import dev.turnpike.nodes.http.NodeHttp;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What the lnd, Core Lightning and LNbits backends share: the transport, the invoices this backend made and still
 * watches, the background {@link SettlementWatcher} (started by the first {@link #subscribe}), and reachability.
 *
 * <p>Failures: a call that cannot reach the node, times out, finds it failing, has its credential refused, or gets an
 * answer that is not the API (or an invoice that differs from the one asked for) is a
 * {@link dev.turnpike.lightning.node.BackendUnavailableException}; a request the node rejects as such (HTTP 4xx) is an
 * {@link dev.turnpike.lightning.node.InvalidRequestException}. Listeners are called on the watcher's thread, once per
 * state change of an invoice this backend made; changes made while the node was unreachable are delivered after the
 * reconnect.
 */
public abstract class RemoteInvoiceBackend implements InvoiceBackend, HealthReporting, AutoCloseable {

    protected final NodeHttp http;
    protected final WatchedInvoices invoices;
    protected final Network network;
    protected final Clock clock;
    protected final RandomGenerator random;
    private final SettlementWatcher watcher;

    protected RemoteInvoiceBackend(BackendSettings<?> settings, NodeHttp http, String watcherName) {
        this.http = Objects.requireNonNull(http, "http");
        this.network = settings.network;
        this.clock = settings.clock;
        this.random = settings.random;
        this.invoices = new WatchedInvoices(settings.maxWatchedInvoices);
        this.watcher = new SettlementWatcher(watcherName, this::watch,
                new Backoff(settings.backoffInitial, settings.backoffMax, settings.random), http.health());
    }

    /** Asks the node for an invoice; the answer is verified with {@link IssuedInvoices#verify}. */
    protected abstract Invoice create(InvoiceRequest request) throws NodeCallException, LightningException;

    /** Asks the node for an invoice's state (OPEN past expiry reported EXPIRED); empty if it does not know it. */
    protected abstract Optional<Invoice> find(PaymentHash paymentHash) throws NodeCallException;

    /** One session of learning settlements; see {@link SettlementWatcher.Session}. */
    protected abstract void watch(SettlementWatcher.Control control) throws Exception;

    @Override
    public final Invoice createInvoice(InvoiceRequest request) throws LightningException {
        Objects.requireNonNull(request, "request");
        try {
            Invoice invoice = create(request);
            invoices.watch(invoice);
            return invoice;
        } catch (NodeCallException e) {
            throw e.toLightningException();
        }
    }

    @Override
    public final Optional<Invoice> lookup(PaymentHash paymentHash) throws LightningException {
        Objects.requireNonNull(paymentHash, "paymentHash");
        try {
            return find(paymentHash);
        } catch (NodeCallException e) {
            throw e.toLightningException();
        }
    }

    @Override
    public final Subscription subscribe(InvoiceListener listener) {
        Objects.requireNonNull(listener, "listener");
        Subscription subscription = invoices.subscribe(listener);
        watcher.start();
        return subscription;
    }

    @Override
    public final NodeHealth health() {
        return http.health().health();
    }

    /** Stops the watcher thread; calls still work. */
    @Override
    public void close() {
        watcher.close();
    }

    /** A field of the node's answer was missing or malformed: the node is not speaking its API. */
    protected final NodeCallException malformed(String what, IllegalArgumentException e) {
        return http.failed(http.dialect().nodeName() + " answered " + what + " without the fields of its API: "
                + e.getMessage(), e);
    }
}
