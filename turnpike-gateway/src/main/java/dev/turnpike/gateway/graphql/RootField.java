package dev.turnpike.gateway.graphql;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A root field of one operation type, as configured: {@code mutation.transferGateway}; the name {@code *} stands for
 * every root field of that type ({@code mutation.*}: no mutation at all).
 */
public record RootField(OperationType type, String name) {

    public static final String ANY = "*";
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,127}");

    public RootField {
        Objects.requireNonNull(type, "type");
        if (!ANY.equals(name) && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the field must be a GraphQL name (or *), was " + name);
        }
    }

    /**
     * Reads {@code type.field}.
     *
     * @throws IllegalArgumentException if it is not {@code query}, {@code mutation} or {@code subscription}, a dot
     *                                  and a GraphQL name or {@code *}
     */
    public static RootField parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("must be operation.field, e.g. mutation.transferGateway, was " + text);
        }
        OperationType type = switch (text.substring(0, dot).toLowerCase(Locale.ROOT)) {
            case "query" -> OperationType.QUERY;
            case "mutation" -> OperationType.MUTATION;
            case "subscription" -> OperationType.SUBSCRIPTION;
            default -> throw new IllegalArgumentException("the operation must be query, mutation or subscription, was "
                    + text.substring(0, dot));
        };
        return new RootField(type, text.substring(dot + 1));
    }

    /** Whether this names the root field {@code field} of an operation of {@code operation}'s type. */
    public boolean covers(OperationType operation, String field) {
        return type == operation && (ANY.equals(name) || name.equals(field));
    }

    /** The first of {@code fields} that {@code operation} selects, or null. */
    public static RootField firstSelected(Iterable<RootField> fields, SelectedOperation operation) {
        for (RootField f : fields) {
            for (String selected : operation.rootFields()) {
                if (f.covers(operation.type(), selected)) {
                    return new RootField(operation.type(), selected);
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return type.keyword() + "." + name;
    }
}
