package dev.turnpike.nodes.lnbits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.nodes.http.BoundedJson;
import dev.turnpike.nodes.http.NodeDialect;
import dev.turnpike.nodes.http.NodeResponse;
import dev.turnpike.nodes.http.Texts;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * LNbits' (FastAPI) errors: {@code {"detail": "…"}} (a string, or a list of validation errors). A key LNbits does not
 * know is 404 "Wallet not found." in LNbits 1.x (401 "Invalid key or expired key." before): an authentication failure.
 */
public final class LnbitsDialect implements NodeDialect {

    public static final LnbitsDialect INSTANCE = new LnbitsDialect();

    private LnbitsDialect() {}

    @Override
    public String nodeName() {
        return "LNbits";
    }

    @Override
    public String errorMessage(NodeResponse response) {
        JsonNode node = BoundedJson.tryRead(response.body());
        JsonNode detail = node == null ? null : node.has("detail") ? node.get("detail") : node.get("message");
        if (detail != null) {
            return Texts.clean(detail.isTextual() ? detail.asText() : detail.toString());
        }
        return Texts.clean(new String(response.body(), StandardCharsets.UTF_8));
    }

    @Override
    public boolean isAuthenticationFailure(NodeResponse response) {
        return NodeDialect.super.isAuthenticationFailure(response)
                || (response.status() == 404 && isWalletNotFound(response));
    }

    public boolean isWalletNotFound(NodeResponse response) {
        return errorMessage(response).toLowerCase(Locale.ROOT).startsWith("wallet not found");
    }
}
