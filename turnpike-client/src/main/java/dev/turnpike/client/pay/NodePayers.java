package dev.turnpike.client.pay;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.nodes.http.NodeAuthenticationException;
import dev.turnpike.nodes.http.NodeCallException;
import dev.turnpike.nodes.http.NodeFailedException;
import dev.turnpike.nodes.http.NodeRejectedException;
import dev.turnpike.nodes.http.NodeUnreachableException;
import java.util.HexFormat;

/** What the lnd and Core Lightning payers share in reading their nodes' answers. */
final class NodePayers {

    private NodePayers() {}

    /**
     * How a failed call to a node becomes a payer's exception, saying whether money may have moved.
     *
     * @param payment whether the call was a payment (its outcome is then unknown unless the node was never reached or
     *     refused the credential)
     */
    static PayerException error(NodeCallException e, boolean payment) {
        return switch (e) {
            case NodeAuthenticationException a -> new WalletAuthenticationException(a.getMessage(), a.httpStatus());
            case NodeUnreachableException u -> new PayerUnavailableException(u.getMessage(), u,
                    payment && u.requestMayHaveArrived());
            case NodeRejectedException r -> payment
                    ? new PaymentRefusedException(PaymentRefusedException.Reason.REJECTED, r.getMessage())
                    : new PayerUnavailableException(r.getMessage(), r, false);
            case NodeFailedException f -> new PayerUnavailableException(f.getMessage(), f, payment);
        };
    }

    /** The node's hex preimage, if it hashes to {@code hash}: a "paid" without one is no proof. */
    static Preimage preimage(String hex, PaymentHash hash, String node) throws PayerUnavailableException {
        try {
            Preimage preimage = Preimage.of(HexFormat.of().parseHex(hex));
            if (preimage.matches(hash)) {
                return preimage;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw new PayerUnavailableException(node + " reports " + hash + " paid but gives no preimage that hashes to it",
                null, true);
    }
}
