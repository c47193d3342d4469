package dev.turnpike.nodes.http;

/** The node answered that the request itself is wrong (HTTP 4xx other than an authentication failure). */
public final class NodeRejectedException extends NodeCallException {

    private final int httpStatus;

    public NodeRejectedException(String message, int httpStatus) {
        super(message, null);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
