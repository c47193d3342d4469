package dev.turnpike.gateway.challenge;

import dev.turnpike.l402.Challenger;
import dev.turnpike.l402.Invoice;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.StoreException;
import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.node.InvoiceBackend;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.LightningException;
import java.time.Duration;
import java.util.Arrays;

/**
 * The minter's {@link Challenger} on a Lightning {@link InvoiceBackend}. It reads the payment hash
 * and amount back from the BOLT11 string the backend returned and refuses an invoice that does not
 * match what was asked: a macaroon bound to the wrong hash could never be used.
 */
public final class InvoiceChallenger implements Challenger {

    private final InvoiceBackend backend;
    private final Duration expiry;

    public InvoiceChallenger(InvoiceBackend backend, Duration expiry) {
        this.backend = backend;
        this.expiry = expiry;
    }

    @Override
    public Invoice newInvoice(Price price, String memo) throws StoreException {
        dev.turnpike.lightning.node.Invoice created;
        try {
            created = backend.createInvoice(new InvoiceRequest(price.msat(), memo, expiry));
        } catch (LightningException e) {
            throw new StoreException("the Lightning backend could not create an invoice: " + e.getMessage(), e);
        }
        Bolt11Invoice decoded;
        try {
            decoded = Bolt11Invoice.decode(created.bolt11());
        } catch (Bolt11Exception e) {
            throw new StoreException("the Lightning backend returned an invalid invoice: " + e.getMessage(), e);
        }
        byte[] hash = decoded.paymentHash().bytes();
        if (!Arrays.equals(hash, created.paymentHash().bytes())) {
            throw new StoreException("the Lightning backend's invoice has another payment hash than it reported");
        }
        if (decoded.amountMsat().isEmpty()) {
            throw new StoreException("the Lightning backend's invoice has no amount, not the " + price.msat()
                    + " msat asked");
        }
        if (decoded.amountMsat().getAsLong() != price.msat()) {
            throw new StoreException("the Lightning backend's invoice is for " + decoded.amountMsat().getAsLong()
                    + " msat, not the " + price.msat() + " msat asked");
        }
        return new Invoice(created.bolt11(), PaymentHash.of(hash));
    }
}
