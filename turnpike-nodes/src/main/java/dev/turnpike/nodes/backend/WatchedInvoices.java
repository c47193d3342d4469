package dev.turnpike.nodes.backend;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceListener;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open invoices a backend made, so that their state changes reach the listeners exactly once: from the node's
 * stream, or from a catch-up lookup after a reconnect (a settlement made while the stream was down). Bounded: past
 * {@code capacity} the oldest invoice is forgotten (it has long expired). Thread-safe.
 */
public final class WatchedInvoices {

    /** Asks the node for one invoice's current state. */
    @FunctionalInterface
    public interface Lookup {
        Optional<Invoice> lookup(PaymentHash paymentHash) throws LightningException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WatchedInvoices.class);

    private final Map<PaymentHash, Invoice> open;
    private final List<InvoiceListener> listeners = new CopyOnWriteArrayList<>();

    public WatchedInvoices(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.open = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PaymentHash, Invoice> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Starts watching an invoice this backend just made. */
    public void watch(Invoice invoice) {
        if (!invoice.state().isFinal()) {
            synchronized (open) {
                open.put(invoice.paymentHash(), invoice);
            }
        }
    }

    /** Registers a listener; see {@link dev.turnpike.lightning.node.InvoiceBackend#subscribe}. */
    public Subscription subscribe(InvoiceListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The node reports this state: listeners hear of it if it is a change of a watched invoice. */
    public void observed(Invoice latest) {
        synchronized (open) {
            Invoice known = open.get(latest.paymentHash());
            if (known == null || known.state() == latest.state()) {
                return;
            }
            if (latest.state().isFinal()) {
                open.remove(latest.paymentHash());
            } else {
                open.put(latest.paymentHash(), latest);
            }
        }
        for (InvoiceListener listener : listeners) {
            try {
                listener.onInvoiceUpdated(latest);
            } catch (RuntimeException e) {
                LOG.warn("an invoice listener failed on {}", latest.paymentHash(), e);
            }
        }
    }

    /** Looks up every watched invoice and reports its changes; one the node no longer knows is forgotten. */
    public void catchUp(Lookup lookup) throws LightningException {
        for (PaymentHash hash : watched()) {
            Optional<Invoice> latest = lookup.lookup(hash);
            if (latest.isPresent()) {
                observed(latest.get());
            } else {
                synchronized (open) {
                    open.remove(hash);
                }
            }
        }
    }

    /** The hashes watched now. */
    public List<PaymentHash> watched() {
        synchronized (open) {
            return new ArrayList<>(open.keySet());
        }
    }
}
