package dev.turnpike.gateway.graphql;

import java.util.Objects;
import java.util.Set;

/**
 * The operation a request runs: its name (null for an anonymous one), its type, and the names (not aliases) of the
 * root fields it selects, fragments resolved.
 */
public record SelectedOperation(String name, OperationType type, Set<String> rootFields) {

    public SelectedOperation {
        Objects.requireNonNull(type, "type");
        rootFields = Set.copyOf(rootFields);
    }
}
