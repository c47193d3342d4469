package dev.turnpike.nodes.http;

/** The node could not be reached, did not answer in time, or cut the connection. */
public final class NodeUnreachableException extends NodeCallException {

    private final boolean requestMayHaveArrived;

    public NodeUnreachableException(String message, Throwable cause, boolean requestMayHaveArrived) {
        super(message, cause);
        this.requestMayHaveArrived = requestMayHaveArrived;
    }

    /** False only when the connection was never made (e.g. refused), so the node cannot have acted on the request. */
    public boolean requestMayHaveArrived() {
        return requestMayHaveArrived;
    }
}
