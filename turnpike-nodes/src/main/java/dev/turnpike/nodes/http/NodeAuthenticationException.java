package dev.turnpike.nodes.http;

/** The node refused the credential (lnd's macaroon, CLN's rune, an LNbits key); nothing was done. */
public final class NodeAuthenticationException extends NodeCallException {

    private final int httpStatus;

    public NodeAuthenticationException(String message, int httpStatus) {
        super(message, null);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
