package dev.turnpike.nodes.http;

/** The node failed (HTTP 5xx) or answered something that is not its API (malformed or unexpected body). */
public final class NodeFailedException extends NodeCallException {

    public NodeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
