package dev.turnpike.client.pay;

import dev.turnpike.nodes.http.NodeAuthenticationException;
import dev.turnpike.nodes.http.NodeCallException;
import dev.turnpike.nodes.http.NodeFailedException;
import dev.turnpike.nodes.http.NodeRejectedException;
import dev.turnpike.nodes.http.NodeUnreachableException;

/** How a failed call to a node becomes a payer's exception, saying whether money may have moved. */
final class NodePayerErrors {

    private NodePayerErrors() {}

    /**
     * @param payment whether the call was a payment (its outcome is then unknown unless the node was never reached or
     *     refused the credential)
     */
    static PayerException of(NodeCallException e, boolean payment) {
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
}
