package dev.turnpike.gateway.graphql;

import java.util.Locale;

/** The three kinds of GraphQL operation, named as a document names them. */
public enum OperationType {
    QUERY,
    MUTATION,
    SUBSCRIPTION;

    /** {@code query}, {@code mutation} or {@code subscription}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
