package dev.turnpike.nodes.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * LNbits' wallet API for receiving, as LNbits publishes it (OpenAPI of {@code lnbits/core/views/payment_api.py} and
 * {@code wallet_api.py}; {@code decorators.py} for the keys):
 *
 * <ul>
 *   <li>Key: header {@code X-Api-Key}. None → 401 {@code {"detail": "No Api Key provided."}}; a key of no wallet →
 *       404 {@code {"detail": "Wallet not found."}}.</li>
 *   <li>{@code POST /api/v1/payments} {@code {"out": false, "amount", "unit", "memo", "expiry"}} with the invoice (or
 *       admin) key → 201 {@code {"payment_hash", "payment_request", "checking_id", "lnurl_response"}}; a missing or
 *       non-positive amount → 400 (FastAPI validation, {@code "detail": [...]}).</li>
 *   <li>{@code GET /api/v1/payments/{payment_hash}} → {@code {"paid", "status", "preimage", "details": Payment}}
 *       ({@code details} for the wallet's own key); unknown → 404 {@code "Payment does not exist."}.</li>
 *   <li>{@code GET /api/v1/wallet} → {@code {"id", "name", "balance"}}.</li>
 * </ul>
 *
 * Paying ({@code "out": true}) is not part of this fake: the client module's LNbits contract server covers it.
 */
public final class FakeLnbits extends FakeNodeServer {

    private final String invoiceKey = UUID.randomUUID().toString().replace("-", "");
    private final String walletId = UUID.randomUUID().toString().replace("-", "");

    public FakeLnbits(Path directory, Network network) throws IOException {
        super(directory, network);
        start();
    }

    public String invoiceKey() {
        return invoiceKey;
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
        if (key == null) {
            send(exchange, 401, detail("No Api Key provided."));
            return;
        }
        if (failAuth || !key.equals(invoiceKey)) {
            send(exchange, 404, detail("Wallet not found."));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/api/v1/payments") && method.equals("POST")) {
            createInvoice(exchange, readJson(exchange));
        } else if (path.startsWith("/api/v1/payments/") && method.equals("GET")) {
            payment(exchange, path.substring("/api/v1/payments/".length()));
        } else if (path.equals("/api/v1/wallet") && method.equals("GET")) {
            send(exchange, 200, JSON.createObjectNode().put("id", walletId).put("name", "fake").put("balance", 0));
        } else {
            send(exchange, 404, detail("Not Found"));
        }
    }

    private void createInvoice(HttpExchange exchange, JsonNode body) throws IOException {
        if (body.path("out").asBoolean(true)) {
            send(exchange, 501, detail("this fake only receives (out: false)"));
            return;
        }
        long sats = body.path("amount").asLong(0);
        if (sats <= 0) {
            send(exchange, 400, JSON.createObjectNode().set("detail", JSON.createArrayNode().add(JSON.createObjectNode()
                    .put("type", "greater_than_equal").put("msg", "Input should be greater than or equal to 1"))));
            return;
        }
        FakeInvoice invoice = book.issue(sats * 1000, body.path("memo").asText(""), body.path("expiry").asLong(3600),
                null, tamper);
        send(exchange, 201, JSON.createObjectNode()
                .put("payment_hash", invoice.paymentHash().toHex())
                .put("payment_request", invoice.bolt11())
                .put("checking_id", invoice.paymentHash().toHex())
                .putNull("lnurl_response"));
    }

    private void payment(HttpExchange exchange, String hex) throws IOException {
        Optional<FakeInvoice> found;
        try {
            found = book.get(PaymentHash.fromHex(hex));
        } catch (IllegalArgumentException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            send(exchange, 404, detail("Payment does not exist."));
            return;
        }
        FakeInvoice invoice = found.get();
        boolean paid = invoice.state() == dev.turnpike.lightning.node.InvoiceState.SETTLED;
        String status = paid ? "success" : "pending";
        ObjectNode details = JSON.createObjectNode()
                .put("checking_id", invoice.paymentHash().toHex())
                .put("payment_hash", invoice.paymentHash().toHex())
                .put("wallet_id", walletId)
                .put("amount", invoice.amountMsat())
                .put("fee", 0)
                .put("bolt11", invoice.bolt11())
                .put("memo", invoice.memo)
                .put("status", status)
                .put("expiry", invoice.expiresAt().toString())
                .put("time", invoice.createdAt.toString());
        ObjectNode answer = JSON.createObjectNode().put("paid", paid).put("status", status);
        if (paid) {
            answer.put("preimage", invoice.preimage().toHex());
        } else {
            answer.putNull("preimage");
        }
        answer.set("details", details);
        send(exchange, 200, answer);
    }

    private static ObjectNode detail(String message) {
        return JSON.createObjectNode().put("detail", message);
    }
}
