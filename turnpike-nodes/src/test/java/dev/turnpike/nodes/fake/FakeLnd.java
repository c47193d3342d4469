package dev.turnpike.nodes.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.turnpike.io.PrivateFiles;
import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * lnd's REST API for the endpoints Turnpike uses, as lnd (v0.18/v0.19) serves it through grpc-gateway, built from
 * lnd's {@code lnrpc/lightning.swagger.json} and {@code lnrpc/routerrpc/router.swagger.json}:
 *
 * <ul>
 *   <li>Macaroon: header {@code Grpc-Metadata-macaroon} (hex). None → HTTP 500 {@code {"code": 2, "message":
 *       "expected 1 macaroon, got 0", "details": []}}; a wrong one → 500 {@code "verification failed: signature
 *       mismatch after caveat verification"} (gRPC Unknown, which the proxy maps to 500: lightningnetwork/lnd#2332).
 *       Streaming endpoints wrap errors as {@code {"error": {…}}}.</li>
 *   <li>{@code POST /v1/invoices} {@code {"memo", "value_msat", "expiry"}} (int64 as strings) →
 *       {@code {"r_hash": base64, "payment_request", "add_index", "payment_addr"}}.</li>
 *   <li>{@code GET /v1/invoice/{r_hash_str}} (hex) → {@code lnrpc.Invoice}; unknown → 404 {@code {"code": 5,
 *       "message": "unable to locate invoice"}}.</li>
 *   <li>{@code GET /v1/invoices/subscribe?settle_index=&add_index=} → newline-delimited {@code {"result": Invoice}};
 *       with {@code settle_index} > 0 first the invoices settled after it; headers only with the first line.</li>
 *   <li>{@code POST /v2/router/send} {@code {"payment_request", "fee_limit_msat", "timeout_seconds",
 *       "no_inflight_updates"}} → stream of {@code {"result": lnrpc.Payment}} (IN_FLIGHT…, then SUCCEEDED with
 *       {@code payment_preimage} hex, or FAILED with {@code failure_reason}); an invoice already paid → 409
 *       {@code {"error": {"code": 6, "message": "invoice is already paid"}}}, one in flight → 409
 *       {@code "payment is in transition"}; no {@code timeout_seconds} → 400 (code 3).</li>
 *   <li>{@code GET /v2/router/track/{payment_hash}} (base64url) → the payment's current state, then updates until
 *       final; unknown → 404 {@code {"error": {"code": 5, "message": "payment isn't initiated"}}}.</li>
 * </ul>
 *
 * Test switches: {@link #cutStreams()}, {@link #failAuth}, {@link #malformedJson}, {@link #tamper},
 * {@link #goOffline()}; {@link #payments()} holds, releases and prices payments.
 */
public final class FakeLnd extends FakeNodeServer {

    private static final Object CUT = new Object();

    private final byte[] macaroon = new byte[64];
    private final Path macaroonFile;
    private final FakePayments payments;
    private final Set<BlockingQueue<Object>> subscribers = ConcurrentHashMap.newKeySet();
    private volatile long lastSubscribedSettleIndex = -1;

    public FakeLnd(Path directory, Network network) throws IOException {
        super(directory, network);
        new SecureRandom().nextBytes(macaroon);
        macaroonFile = directory.resolve("invoice.macaroon");
        PrivateFiles.writeAtomically(macaroonFile, macaroon); // owner-only: a wider one is refused
        payments = new FakePayments(book);
        book.onSettled(invoice -> subscribers.forEach(q -> q.add(invoice)));
        start();
    }

    /** The macaroon lnd accepts, binary as lnd writes it. */
    public Path macaroonFile() {
        return macaroonFile;
    }

    public FakePayments payments() {
        return payments;
    }

    /** Ends every open stream in the middle of a line. */
    public void cutStreams() {
        subscribers.forEach(q -> q.add(CUT));
        payments.cutAll();
    }

    /** The {@code settle_index} of the latest invoice subscription (0 if none was given), -1 before any. */
    public long lastSubscribedSettleIndex() {
        return lastSubscribedSettleIndex;
    }

    /** Waits until this many invoice subscriptions are open; false if they are not within the timeout. */
    public boolean awaitSubscribers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (subscribers) {
            while (subscribers.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(subscribers, left);
            }
        }
        return true;
    }

    @Override
    protected void beforeOffline() {
        cutStreams();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean streaming = path.equals("/v1/invoices/subscribe") || path.startsWith("/v2/router/");
        if (!authorized(exchange, streaming)) {
            return;
        }
        if (path.equals("/v1/invoices") && method.equals("POST")) {
            addInvoice(exchange);
        } else if (path.startsWith("/v1/invoice/") && method.equals("GET")) {
            lookupInvoice(exchange, path.substring("/v1/invoice/".length()));
        } else if (path.equals("/v1/invoices/subscribe") && method.equals("GET")) {
            subscribeInvoices(exchange);
        } else if (path.equals("/v2/router/send") && method.equals("POST")) {
            sendPayment(exchange);
        } else if (path.startsWith("/v2/router/track/") && method.equals("GET")) {
            trackPayment(exchange, path.substring("/v2/router/track/".length()));
        } else {
            send(exchange, 404, status(5, "Not Found"));
        }
    }

    private boolean authorized(HttpExchange exchange, boolean streaming) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Grpc-Metadata-macaroon");
        String message;
        if (header == null) {
            message = "expected 1 macaroon, got 0";
        } else if (failAuth || !header.equalsIgnoreCase(HexFormat.of().formatHex(macaroon))) {
            message = "verification failed: signature mismatch after caveat verification";
        } else {
            return true;
        }
        sendError(exchange, 500, 2, message, streaming);
        return false;
    }

    // ------------------------------------------------------------------ invoices

    private void addInvoice(HttpExchange exchange) throws IOException {
        JsonNode body = readJson(exchange);
        long msat = Long.parseLong(body.path("value_msat").asText("0"));
        if (msat == 0) {
            msat = Long.parseLong(body.path("value").asText("0")) * 1000;
        }
        long expiry = Long.parseLong(body.path("expiry").asText("86400"));
        FakeInvoice invoice = book.issue(msat, body.path("memo").asText(""), expiry, null, tamper);
        subscribers.forEach(q -> q.add(invoice));
        ObjectNode answer = JSON.createObjectNode()
                .put("r_hash", Base64.getEncoder().encodeToString(invoice.paymentHash().bytes()))
                .put("payment_request", invoice.bolt11())
                .put("add_index", Long.toString(invoice.addIndex))
                .put("payment_addr", Base64.getEncoder().encodeToString(new byte[32]));
        send(exchange, 200, answer);
    }

    private void lookupInvoice(HttpExchange exchange, String hex) throws IOException {
        PaymentHash hash;
        try {
            hash = PaymentHash.fromHex(hex);
        } catch (IllegalArgumentException e) {
            send(exchange, 500, status(2, "encoding/hex: invalid byte"));
            return;
        }
        var invoice = book.get(hash);
        if (invoice.isEmpty()) {
            send(exchange, 404, status(5, "unable to locate invoice"));
            return;
        }
        send(exchange, 200, invoiceJson(invoice.get()));
    }

    private void subscribeInvoices(HttpExchange exchange) throws IOException {
        long settleIndex = queryLong(exchange, "settle_index");
        lastSubscribedSettleIndex = settleIndex;
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        synchronized (subscribers) {
            subscribers.add(queue);
            subscribers.notifyAll();
        }
        try {
            List<FakeInvoice> backlog = settleIndex > 0 ? book.settledAfter(settleIndex) : List.of();
            queue.addAll(backlog);
            OutputStream out = null;
            while (true) {
                Object event = queue.take();
                if (event == CUT) {
                    if (out == null) {
                        out = startStream(exchange, 200);
                    }
                    out.write("{\"result\": {\"r_hash\": \"".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
                if (out == null) {
                    out = startStream(exchange, 200); // grpc-gateway sends headers with the first message
                }
                writeLine(out, JSON.createObjectNode().set("result", invoiceJson((FakeInvoice) event)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscribers.remove(queue);
        }
    }

    private ObjectNode invoiceJson(FakeInvoice invoice) {
        String state = switch (invoice.state()) {
            case OPEN -> "OPEN";
            case SETTLED -> "SETTLED";
            case EXPIRED, CANCELLED -> "CANCELED";
        };
        boolean settled = state.equals("SETTLED");
        return JSON.createObjectNode()
                .put("memo", invoice.memo)
                .put("r_preimage", Base64.getEncoder().encodeToString(invoice.preimage().bytes()))
                .put("r_hash", Base64.getEncoder().encodeToString(invoice.paymentHash().bytes()))
                .put("value", Long.toString(invoice.amountMsat() / 1000))
                .put("value_msat", Long.toString(invoice.amountMsat()))
                .put("settled", settled)
                .put("creation_date", Long.toString(invoice.createdAt.getEpochSecond()))
                .put("settle_date", settled ? Long.toString(invoice.settledAt().getEpochSecond()) : "0")
                .put("payment_request", invoice.bolt11())
                .put("expiry", Long.toString(invoice.expirySeconds))
                .put("add_index", Long.toString(invoice.addIndex))
                .put("settle_index", Long.toString(invoice.settleIndex()))
                .put("amt_paid_msat", settled ? Long.toString(invoice.amountMsat()) : "0")
                .put("state", state)
                .put("is_keysend", false);
    }

    // ------------------------------------------------------------------ router

    private void sendPayment(HttpExchange exchange) throws IOException {
        JsonNode body = readJson(exchange);
        if (body.path("timeout_seconds").asInt(0) <= 0) {
            sendError(exchange, 400, 3, "timeout_seconds must be specified", true);
            return;
        }
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11Invoice.decode(body.path("payment_request").asText(""));
        } catch (Bolt11Exception e) {
            sendError(exchange, 500, 2, "invalid bech32 string", true);
            return;
        }
        long feeLimit = Long.parseLong(body.path("fee_limit_msat").asText("0"));
        FakePayments.Status earlier = payments.get(invoice.paymentHash()).map(FakePayments.Payment::status)
                .orElse(FakePayments.Status.FAILED);
        if (earlier == FakePayments.Status.SUCCEEDED) {
            sendError(exchange, 409, 6, "invoice is already paid", true);
            return;
        }
        if (earlier == FakePayments.Status.IN_FLIGHT) {
            sendError(exchange, 409, 6, "payment is in transition", true);
            return;
        }
        FakePayments.Payment payment = payments.begin(invoice);
        OutputStream out = startStream(exchange, 200);
        if (!body.path("no_inflight_updates").asBoolean(false)) {
            writeLine(out, JSON.createObjectNode().set("result", paymentJson(payment)));
        }
        if (payments.completeUnlessCut(payment, feeLimit, out)) {
            writeLine(out, JSON.createObjectNode().set("result", paymentJson(payment)));
        }
    }

    private void trackPayment(HttpExchange exchange, String encodedHash) throws IOException {
        PaymentHash hash;
        try {
            hash = PaymentHash.of(Base64.getUrlDecoder().decode(encodedHash));
        } catch (IllegalArgumentException e) {
            sendError(exchange, 400, 3, "type mismatch, parameter: payment_hash", true);
            return;
        }
        var payment = payments.get(hash);
        if (payment.isEmpty()) {
            sendError(exchange, 404, 5, "payment isn't initiated", true);
            return;
        }
        OutputStream out = startStream(exchange, 200);
        writeLine(out, JSON.createObjectNode().set("result", paymentJson(payment.get())));
        if (payment.get().status() == FakePayments.Status.IN_FLIGHT && payments.awaitUnlessCut(payment.get(), out)) {
            writeLine(out, JSON.createObjectNode().set("result", paymentJson(payment.get())));
        }
    }

    private static ObjectNode paymentJson(FakePayments.Payment p) {
        ObjectNode o = JSON.createObjectNode()
                .put("payment_hash", p.hash.toHex())
                .put("value", Long.toString(p.amountMsat / 1000))
                .put("creation_date", Long.toString(p.createdAt.getEpochSecond()))
                .put("fee", Long.toString(p.feeMsat() / 1000))
                .put("payment_preimage", p.preimage() == null ? "" : p.preimage().toHex())
                .put("value_sat", Long.toString(p.amountMsat / 1000))
                .put("value_msat", Long.toString(p.amountMsat))
                .put("payment_request", p.bolt11)
                .put("status", p.status().name())
                .put("fee_sat", Long.toString(p.feeMsat() / 1000))
                .put("fee_msat", Long.toString(p.feeMsat()))
                .put("creation_time_ns", Long.toString(p.createdAt.getEpochSecond() * 1_000_000_000L))
                .put("failure_reason", "FAILURE_REASON_" + p.failure().name());
        o.putArray("htlcs");
        return o;
    }

    // ------------------------------------------------------------------ errors

    private static ObjectNode status(int code, String message) {
        ObjectNode o = JSON.createObjectNode().put("code", code).put("message", message);
        o.putArray("details");
        return o;
    }

    private void sendError(HttpExchange exchange, int http, int code, String message, boolean streaming)
            throws IOException {
        JsonNode body = streaming ? JSON.createObjectNode().set("error", status(code, message)) : status(code, message);
        sendRaw(exchange, http, body.toString());
    }

    private static long queryLong(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return Long.parseLong(pair.substring(name.length() + 1));
                }
            }
        }
        return 0;
    }
}
