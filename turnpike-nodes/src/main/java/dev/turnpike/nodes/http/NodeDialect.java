package dev.turnpike.nodes.http;

/** How one node's REST API words its errors. */
public interface NodeDialect {

    /** For messages: "lnd", "Core Lightning", "LNbits". */
    String nodeName();

    /** The node's own message from an error answer, cleaned (see {@link Texts#clean}). */
    String errorMessage(NodeResponse response);

    /** Whether this error answer means the node refused the credential. 401 and 403 always do. */
    default boolean isAuthenticationFailure(NodeResponse response) {
        return response.status() == 401 || response.status() == 403;
    }
}
