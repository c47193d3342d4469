package dev.turnpike.lightning.node;

import dev.turnpike.lightning.crypto.PaymentHash;
import java.util.Optional;

/**
 * What the gateway needs from a Lightning node to get paid.
 *
 * <p>Contract for implementations: every method returns or throws within the implementation's configured
 * timeout (a few seconds for a remote node; the embedded node does not wait on anything but its own store);
 * a timeout or a connection failure is a {@link BackendUnavailableException}, never a hang. Methods are
 * safe to call from many threads.
 */
public interface InvoiceBackend {

    /**
     * Creates an OPEN invoice.
     *
     * @throws InvalidRequestException if the backend will not invoice for this (e.g. amount above its limit)
     * @throws BackendUnavailableException if the backend cannot be reached or failed
     */
    Invoice createInvoice(InvoiceRequest request) throws LightningException;

    /**
     * The invoice with this payment hash, in its current state (an OPEN invoice past its expiry is reported
     * EXPIRED); empty if this backend never made it.
     *
     * @throws BackendUnavailableException if the backend cannot be reached or failed
     */
    Optional<Invoice> lookup(PaymentHash paymentHash) throws LightningException;

    /**
     * Registers a listener for state changes of this backend's invoices, until the returned subscription is
     * closed. Changes made before subscribing are not replayed: subscribe first, then {@link #lookup}.
     */
    Subscription subscribe(InvoiceListener listener);
}
