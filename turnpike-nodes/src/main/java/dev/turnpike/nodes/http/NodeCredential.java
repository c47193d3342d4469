package dev.turnpike.nodes.http;

import java.util.Objects;

/**
 * The header that authenticates every call to a node, and what kind of credential it carries ("macaroon", "rune",
 * "LNbits invoice key"…) so errors can name it. {@code toString} shows the kind only.
 */
public final class NodeCredential {

    private final String header;
    private final String value;
    private final String kind;

    private NodeCredential(String header, String value, String kind) {
        this.header = Objects.requireNonNull(header, "header");
        this.value = Objects.requireNonNull(value, "value");
        this.kind = Objects.requireNonNull(kind, "kind");
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("the " + kind + " must be printable ASCII without spaces");
        }
    }

    public static NodeCredential of(String header, String value, String kind) {
        return new NodeCredential(header, value, kind);
    }

    public String header() {
        return header;
    }

    /** The secret; only the transport reads it. */
    String value() {
        return value;
    }

    public String kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind + " (redacted)";
    }
}
