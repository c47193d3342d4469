package dev.turnpike.nodes.lnd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.nodes.http.BoundedJson;
import dev.turnpike.nodes.http.NodeDialect;
import dev.turnpike.nodes.http.NodeResponse;
import dev.turnpike.nodes.http.Texts;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * lnd's REST proxy (grpc-gateway) errors: {@code {"code": <gRPC code>, "message": "…", "details": []}}, on streams
 * wrapped as {@code {"error": {…}}}. lnd rejects a missing, wrong or under-privileged macaroon with gRPC code 2
 * (Unknown), which the proxy answers as HTTP 500 (lightningnetwork/lnd#2332), so those messages count as
 * authentication failures too.
 */
public final class LndDialect implements NodeDialect {

    /** gRPC's NotFound, which the proxy answers as HTTP 404. */
    public static final int NOT_FOUND = 5;

    public static final LndDialect INSTANCE = new LndDialect();

    private LndDialect() {}

    @Override
    public String nodeName() {
        return "lnd";
    }

    @Override
    public String errorMessage(NodeResponse response) {
        JsonNode error = error(response);
        if (error != null && error.path("message").isTextual()) {
            return Texts.clean(error.get("message").asText());
        }
        return Texts.clean(new String(response.body(), StandardCharsets.UTF_8));
    }

    @Override
    public boolean isAuthenticationFailure(NodeResponse response) {
        return NodeDialect.super.isAuthenticationFailure(response) || isMacaroonError(errorMessage(response));
    }

    /** The gRPC code of an error answer, or -1. */
    public static int grpcCode(NodeResponse response) {
        JsonNode error = error(response);
        return error != null && error.path("code").canConvertToInt() ? error.get("code").asInt() : -1;
    }

    /** lnd's wording for macaroon failures ("verification failed: signature mismatch…", "expected 1 macaroon…"). */
    static boolean isMacaroonError(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("macaroon") || m.startsWith("verification failed") || m.equals("permission denied");
    }

    /** The error object of an answer or a stream line: the body itself, or its {@code "error"} member. */
    static JsonNode error(NodeResponse response) {
        JsonNode body = BoundedJson.tryRead(response.body());
        return body == null ? null : errorObject(body);
    }

    static JsonNode errorObject(JsonNode node) {
        return node.path("error").isObject() ? node.get("error") : node;
    }
}
