package dev.turnpike.nodes.backend;

import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.nodes.http.NodeFailedException;
import dev.turnpike.nodes.http.NodeHttp;
import dev.turnpike.nodes.http.Texts;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks what a node returns against what was asked, reading the BOLT #11 itself: never trust a backend blindly.
 */
public final class IssuedInvoices {

    private static final Logger LOG = LoggerFactory.getLogger(IssuedInvoices.class);

    private IssuedInvoices() {}

    /**
     * The invoice the node made for {@code request}, if its BOLT #11 is valid, on {@code network}, for the requested
     * amount, and has the payment hash the node reported beside it.
     *
     * @throws NodeFailedException (logged as a warning) if any of that does not hold
     */
    public static Invoice verify(NodeHttp node, String bolt11, InvoiceRequest request, Network network,
            PaymentHash reportedHash) throws NodeFailedException {
        String name = node.dialect().nodeName();
        Bolt11Invoice decoded;
        try {
            decoded = Bolt11Invoice.decode(bolt11);
        } catch (Bolt11Exception e) {
            throw refused(node, name + " returned an invoice that is not valid BOLT #11: " + Texts.describe(e));
        }
        if (decoded.network() != network) {
            throw refused(node, name + " returned an invoice for " + decoded.network() + ", but the gateway is"
                    + " configured for " + network);
        }
        long amount = decoded.amountMsat().orElse(-1);
        if (amount != request.amountMsat()) {
            throw refused(node, name + " returned an invoice for " + (amount < 0 ? "no amount" : amount + " msat")
                    + " when " + request.amountMsat() + " msat was asked");
        }
        if (!decoded.paymentHash().equals(reportedHash)) {
            throw refused(node, name + " returned an invoice with payment hash " + decoded.paymentHash()
                    + " but reported " + reportedHash);
        }
        return new Invoice(bolt11, decoded.paymentHash(), amount, decoded.timestamp(), decoded.expiresAt(),
                InvoiceState.OPEN);
    }

    /** An OPEN state past the expiry is EXPIRED (nodes sweep expired invoices late, or never). */
    public static InvoiceState effective(InvoiceState reported, Instant expiresAt, Instant now) {
        return reported == InvoiceState.OPEN && !now.isBefore(expiresAt) ? InvoiceState.EXPIRED : reported;
    }

    private static NodeFailedException refused(NodeHttp node, String message) {
        LOG.warn("refusing an invoice: {}", message);
        return node.failed(message, null);
    }
}
