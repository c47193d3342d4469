package dev.turnpike.nodes.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.turnpike.io.PrivateFiles;
import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Core Lightning's clnrest (the Rust {@code plugins/rest-plugin} of v24.11+) for the methods Turnpike uses, built from
 * clnrest's handlers ({@code handlers.rs}, {@code shared.rs}) and the methods' man pages (lightning-invoice(7),
 * lightning-listinvoices(7), lightning-waitanyinvoice(7), lightning-pay(7), lightning-listpays(7)):
 *
 * <ul>
 *   <li>{@code POST /v1/<method>} with the JSON parameters; success is HTTP <b>201</b> with the result.</li>
 *   <li>Rune: header {@code Rune}. None → 403 {@code {"code": 1501, "message": "Not authorized: Missing rune"}}; one
 *       {@code checkrune} refuses → 401 {@code {"code": 1501, "message": "Not authorized: Not derived from
 *       master"}}.</li>
 *   <li>RPC errors → 500 {@code {"code", "message"}}: 900 duplicate label, 904 "Timed out" (waitanyinvoice), 200
 *       payment in progress, 203 unknown invoice at the destination, 210 "Ran out of routes to try"; an unknown
 *       method → 404 (-32601).</li>
 *   <li>{@code pay} of an invoice already paid returns the earlier success (CLN's pay looks at past sendpays).</li>
 * </ul>
 */
public final class FakeCln extends FakeNodeServer {

    private final String rune;
    private final Path runeFile;
    private final FakePayments payments;
    private final Object paid = new Object();
    private volatile long generation;

    public FakeCln(Path directory, Network network) throws IOException {
        super(directory, network);
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        rune = java.util.Base64.getUrlEncoder().encodeToString(bytes);
        runeFile = directory.resolve("rune");
        PrivateFiles.writeAtomically(runeFile, (rune + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)); // owner-only
        payments = new FakePayments(book);
        book.onSettled(invoice -> wakeWaiters());
        start();
    }

    public Path runeFile() {
        return runeFile;
    }

    public FakePayments payments() {
        return payments;
    }

    @Override
    protected void beforeOffline() {
        generation++;
        wakeWaiters();
    }

    private void wakeWaiters() {
        synchronized (paid) {
            paid.notifyAll();
        }
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Rune");
        if (header == null) {
            send(exchange, 403, error(1501, "Not authorized: Missing rune"));
            return;
        }
        if (failAuth || !header.equals(rune)) {
            send(exchange, 401, error(1501, "Not authorized: Not derived from master"));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        JsonNode params = readJson(exchange);
        switch (path) {
            case "/v1/invoice" -> invoice(exchange, params);
            case "/v1/listinvoices" -> listInvoices(exchange, params);
            case "/v1/waitanyinvoice" -> waitAnyInvoice(exchange, params);
            case "/v1/pay" -> pay(exchange, params);
            case "/v1/listpays" -> listPays(exchange, params);
            default -> send(exchange, 404, error(-32601, "Unknown command '" + path.substring(path.lastIndexOf('/') + 1)
                    + "'"));
        }
    }

    private void invoice(HttpExchange exchange, JsonNode params) throws IOException {
        String label = params.path("label").asText("");
        if (book.byLabel(label).isPresent()) {
            send(exchange, 500, error(900, "Duplicate label '" + label + "'"));
            return;
        }
        FakeInvoice invoice = book.issue(params.path("amount_msat").asLong(), params.path("description").asText(""),
                params.path("expiry").asLong(604800), label, tamper);
        send(exchange, 201, JSON.createObjectNode()
                .put("payment_hash", invoice.paymentHash().toHex())
                .put("expires_at", invoice.expiresAt().getEpochSecond())
                .put("bolt11", invoice.bolt11())
                .put("payment_secret", HexFormat.of().formatHex(new byte[32]))
                .put("created_index", invoice.addIndex));
    }

    private void listInvoices(HttpExchange exchange, JsonNode params) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("invoices");
        book.get(PaymentHash.fromHex(params.path("payment_hash").asText())).ifPresent(i -> list.add(invoiceJson(i)));
        send(exchange, 201, answer);
    }

    private void waitAnyInvoice(HttpExchange exchange, JsonNode params) throws IOException {
        long after = params.path("lastpay_index").asLong(0);
        long timeoutMillis = params.has("timeout") ? params.get("timeout").asLong() * 1000 : Long.MAX_VALUE / 2;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long myGeneration = generation;
        synchronized (paid) {
            while (true) {
                List<FakeInvoice> settled = book.settledAfter(after);
                if (!settled.isEmpty()) {
                    send(exchange, 201, invoiceJson(settled.get(0)));
                    return;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    send(exchange, 500, error(904, "Timed out"));
                    return;
                }
                if (generation != myGeneration) {
                    return; // going offline: the connection is dropped
                }
                try {
                    paid.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private ObjectNode invoiceJson(FakeInvoice invoice) {
        String status = switch (invoice.state()) {
            case OPEN -> Instant.now().isBefore(invoice.expiresAt()) ? "unpaid" : "expired";
            case SETTLED -> "paid";
            case EXPIRED, CANCELLED -> "expired";
        };
        ObjectNode o = JSON.createObjectNode()
                .put("label", invoice.label)
                .put("bolt11", invoice.bolt11())
                .put("payment_hash", invoice.paymentHash().toHex())
                .put("amount_msat", invoice.amountMsat())
                .put("status", status)
                .put("description", invoice.memo)
                .put("expires_at", invoice.expiresAt().getEpochSecond())
                .put("created_index", invoice.addIndex);
        if (status.equals("paid")) {
            o.put("pay_index", invoice.settleIndex())
                    .put("amount_received_msat", invoice.amountMsat())
                    .put("paid_at", invoice.settledAt().getEpochSecond())
                    .put("payment_preimage", invoice.preimage().toHex());
        }
        return o;
    }

    private void pay(HttpExchange exchange, JsonNode params) throws IOException {
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11Invoice.decode(params.path("bolt11").asText(""));
        } catch (Bolt11Exception e) {
            send(exchange, 500, error(-32602, "Invalid bolt11: Bad bech32 string"));
            return;
        }
        Optional<FakePayments.Payment> earlier = payments.get(invoice.paymentHash());
        if (earlier.isPresent() && earlier.get().status() == FakePayments.Status.SUCCEEDED) {
            send(exchange, 201, payJson(earlier.get()));
            return;
        }
        if (earlier.isPresent() && earlier.get().status() == FakePayments.Status.IN_FLIGHT) {
            send(exchange, 500, error(200, "Payment already in progress"));
            return;
        }
        FakePayments.Payment payment = payments.begin(invoice);
        if (!payments.completeUnlessCut(payment, params.path("maxfee").asLong(Long.MAX_VALUE),
                new ByteArrayOutputStream())) {
            return;
        }
        switch (payment.status()) {
            case SUCCEEDED -> send(exchange, 201, payJson(payment));
            case FAILED -> send(exchange, 500, switch (payment.failure()) {
                case INCORRECT_PAYMENT_DETAILS -> error(203,
                        "Destination said it doesn't know invoice: incorrect_or_unknown_payment_details");
                default -> error(210, "Ran out of routes to try after 1 attempt: see `paystatus`");
            });
            default -> send(exchange, 500, error(200, "Payment already in progress"));
        }
    }

    private static ObjectNode payJson(FakePayments.Payment p) {
        return JSON.createObjectNode()
                .put("destination", "02" + "11".repeat(32))
                .put("payment_hash", p.hash.toHex())
                .put("created_at", p.createdAt.getEpochSecond())
                .put("parts", 1)
                .put("amount_msat", p.amountMsat)
                .put("amount_sent_msat", p.amountMsat + p.feeMsat())
                .put("payment_preimage", p.preimage().toHex())
                .put("status", "complete");
    }

    private void listPays(HttpExchange exchange, JsonNode params) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode pays = answer.putArray("pays");
        payments.get(PaymentHash.fromHex(params.path("payment_hash").asText())).ifPresent(p -> {
            String status = switch (p.status()) {
                case IN_FLIGHT -> "pending";
                case SUCCEEDED -> "complete";
                case FAILED -> "failed";
            };
            ObjectNode o = pays.addObject()
                    .put("payment_hash", p.hash.toHex())
                    .put("status", status)
                    .put("created_at", p.createdAt.getEpochSecond())
                    .put("bolt11", p.bolt11)
                    .put("amount_msat", p.amountMsat)
                    .put("number_of_parts", 1);
            if (status.equals("complete")) {
                o.put("amount_sent_msat", p.amountMsat + p.feeMsat()).put("preimage", p.preimage().toHex());
            }
        });
        send(exchange, 201, answer);
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message);
    }
}
