package dev.turnpike.nodes.http;

import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.LightningException;

/**
 * A call to a node's REST API that did not give the answer asked for. The subtype says what happened; messages name
 * the node and what it said, never a credential.
 */
public abstract sealed class NodeCallException extends Exception
        permits NodeUnreachableException, NodeAuthenticationException, NodeRejectedException, NodeFailedException {

    NodeCallException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The gateway-side view: a request the node rejected (4xx) is an {@link InvalidRequestException}, everything else
     * (unreachable, refused credential, failure, malformed answer) a {@link BackendUnavailableException}.
     */
    public LightningException toLightningException() {
        if (this instanceof NodeRejectedException) {
            return new InvalidRequestException(getMessage(), this);
        }
        return new BackendUnavailableException(getMessage(), this);
    }
}
