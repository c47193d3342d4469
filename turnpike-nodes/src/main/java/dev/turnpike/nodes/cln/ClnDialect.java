package dev.turnpike.nodes.cln;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.nodes.http.BoundedJson;
import dev.turnpike.nodes.http.NodeDialect;
import dev.turnpike.nodes.http.NodeResponse;
import dev.turnpike.nodes.http.Texts;
import java.nio.charset.StandardCharsets;

/**
 * clnrest's answers (Core Lightning {@code plugins/rest-plugin}): success is HTTP 201 with the RPC result; errors are
 * the JSON-RPC error {@code {"code", "message"}}: 403 for a missing rune (code 1501), 401 for a rune that
 * {@code checkrune} refuses (e.g. 1502 "Rune is not valid"), 404 for an unknown method (-32601), 500 for any other
 * RPC error (e.g. 904 when {@code waitanyinvoice} timed out).
 */
public final class ClnDialect implements NodeDialect {

    /** {@code waitanyinvoice}'s "Timed out" (INVOICE_WAIT_TIMED_OUT). */
    public static final int WAIT_TIMED_OUT = 904;

    public static final ClnDialect INSTANCE = new ClnDialect();

    private ClnDialect() {}

    @Override
    public String nodeName() {
        return "Core Lightning";
    }

    @Override
    public String errorMessage(NodeResponse response) {
        JsonNode error = error(response);
        if (error != null && error.path("message").isTextual()) {
            String code = error.path("code").canConvertToInt() ? " (code " + error.get("code").asInt() + ")" : "";
            return Texts.clean(error.get("message").asText()) + code;
        }
        return Texts.clean(new String(response.body(), StandardCharsets.UTF_8));
    }

    /** The JSON-RPC error code of an error answer, or {@link Integer#MIN_VALUE}. */
    public static int rpcCode(NodeResponse response) {
        JsonNode error = error(response);
        return error != null && error.path("code").canConvertToInt() ? error.get("code").asInt() : Integer.MIN_VALUE;
    }

    private static JsonNode error(NodeResponse response) {
        return BoundedJson.tryRead(response.body());
    }
}
