package dev.turnpike.gateway.graphql;

/**
 * A request whose GraphQL cannot be read or whose operation cannot be told: {@code reason} is a short code for
 * metrics and the problem body, the message says what is wrong in words a client can act on.
 */
public final class GraphqlRequestException extends Exception {

    /** The body or document is not valid JSON or GraphQL, or not in a form that is read. */
    public static final String UNPARSABLE = "graphql_unparsable";
    /** The document is beyond the parser's limits (tokens, depth, characters). */
    public static final String TOO_COMPLEX = "graphql_too_complex";
    /** The document is valid but which operation runs cannot be told, or it carries no document at all. */
    public static final String NO_OPERATION = "graphql_operation_unknown";

    private final String reason;

    public GraphqlRequestException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
