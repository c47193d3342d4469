package dev.turnpike.nodes.lnd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.lightning.crypto.PaymentHash;
import java.util.Base64;

/**
 * lnd's JSON encodings (lnrpc via grpc-gateway): {@code bytes} fields are standard base64, 64-bit integers are decimal
 * strings. Strict: a missing or malformed field is an {@link IllegalArgumentException} naming it.
 */
public final class LndJson {

    private LndJson() {}

    public static long uint64(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0; // proto3 leaves zero values out
        }
        String text = value.isTextual() ? value.asText() : value.isIntegralNumber() ? value.asText() : "";
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + field + "' is not an unsigned integer");
        }
        return Long.parseLong(text);
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asText();
    }

    public static PaymentHash base64Hash(JsonNode node, String field) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text(node, field));
            return PaymentHash.of(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not a base64 payment hash");
        }
    }

    /** A hash in a URL path or query, as the REST proxy decodes {@code bytes} there: base64url. */
    public static String urlHash(PaymentHash hash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash.bytes());
    }
}
