package dev.turnpike.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.devnode.WalletId;
import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The LNbits wallet API, for the endpoints the client uses, as LNbits 1.x publishes it
 * ({@code lnbits/core/views/payment_api.py}, {@code wallet_api.py}, {@code decorators.py}, {@code exceptions.py},
 * {@code core/services/payments.py}), backed by dev wallets of an {@link EmbeddedNode}:
 *
 * <ul>
 *   <li>Key: header {@code X-Api-Key} (or query {@code api-key}). None → 401 {@code "No Api Key provided."};
 *       a key of no wallet → 404 {@code "Wallet not found."} (LNbits before 1.0: 401
 *       {@code "Invalid key or expired key."}, see {@link #legacyAuthErrors}).</li>
 *   <li>{@code POST /api/v1/payments} {@code {"out": true, "bolt11"}} with the admin key → 201 and the
 *       {@code Payment} model; with the invoice key → 403 {@code "Invoice (or Admin) key required."}; no bolt11 →
 *       400 {@code "Missing BOLT11 invoice"}; a body that is not JSON → 400; payment errors → 520
 *       {@code {"detail", "status": "failed"}} ("Insufficient balance.", "Bolt11 decoding failed.",
 *       "Amountless invoices not supported.", "Internal invoice already paid.", "Payment failed: …").</li>
 *   <li>{@code GET /api/v1/payments/{hash}}: the key is optional; {@code {"paid": true, "preimage", "details"}},
 *       {@code {"paid": false, "status": "failed"|"pending", …}}, 404 {@code "Payment does not exist."}.</li>
 *   <li>{@code GET /api/v1/wallet} → {@code {"name", "balance"}} (msat), plus {@code "id"} for the admin key.</li>
 *   <li>Errors are {@code {"detail": "…"}}; unknown paths 404 {@code "Not Found"}, wrong methods 405.</li>
 * </ul>
 */
final class LnbitsContractServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A wallet as LNbits shows it: an admin key (spends) and an invoice key (reads). */
    record Wallet(WalletId id, String name, String adminKey, String invoiceKey) {}

    private record Payment(String walletId, String hash, String bolt11, long amountMsat, String preimage, long feeMsat,
            String memo, String status, Instant time) {}

    private final EmbeddedNode node;
    private final String prefix;
    private final HttpServer server;
    private final Map<String, Wallet> byAdminKey = new ConcurrentHashMap<>();
    private final Map<String, Wallet> byInvoiceKey = new ConcurrentHashMap<>();
    private final Map<String, Payment> payments = new ConcurrentHashMap<>();
    final AtomicInteger paymentsMade = new AtomicInteger();

    /** LNbits before 1.0 answered an unknown key with 401 "Invalid key or expired key.". */
    volatile boolean legacyAuthErrors;
    /** Pays, then answers with a body that is not JSON (a proxy error page, a cut response…). */
    volatile boolean malformedPaymentResponses;
    /** Answers a payment as LNbits before 1.0: {@code {"payment_hash", "checking_id"}} only. */
    volatile boolean minimalPaymentResponses;
    /** The next this many status queries report the payment still pending. */
    final AtomicInteger pendingStatusAnswers = new AtomicInteger();
    /** The fee reported for each payment (msat; LNbits writes it negative). */
    volatile long reportedFeeMsat;

    LnbitsContractServer(EmbeddedNode node, String prefix) throws IOException {
        this.node = node;
        this.prefix = prefix;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(prefix.isEmpty() ? "/" : prefix, this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
    }

    Wallet createWallet(String name, long fundMsat) throws LightningException {
        WalletCredentials credentials = node.createWallet();
        if (fundMsat > 0) {
            node.fund(credentials.walletId(), fundMsat);
        }
        Wallet wallet = new Wallet(credentials.walletId(), name, credentials.apiKey().reveal(),
                UUID.randomUUID().toString().replace("-", ""));
        byAdminKey.put(wallet.adminKey(), wallet);
        byInvoiceKey.put(wallet.invoiceKey(), wallet);
        return wallet;
    }

    long balanceMsat(Wallet wallet) throws LightningException {
        return node.balanceMsat(wallet.id());
    }

    // ------------------------------------------------------------------ routing

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath().substring(prefix.length());
            String method = exchange.getRequestMethod();
            if (path.equals("/api/v1/payments")) {
                if (!method.equals("POST")) {
                    send(exchange, 405, detail("Method Not Allowed"));
                    return;
                }
                createPayment(exchange, requestBody);
            } else if (path.startsWith("/api/v1/payments/") && path.indexOf('/', "/api/v1/payments/".length()) < 0) {
                if (!method.equals("GET")) {
                    send(exchange, 405, detail("Method Not Allowed"));
                    return;
                }
                payment(exchange, path.substring("/api/v1/payments/".length()));
            } else if (path.equals("/api/v1/wallet")) {
                if (!method.equals("GET")) {
                    send(exchange, 405, detail("Method Not Allowed"));
                    return;
                }
                wallet(exchange);
            } else {
                send(exchange, 404, detail("Not Found"));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, detail(e.toString()));
        }
    }

    private String apiKey(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("X-Api-Key");
        if (header != null && !header.isEmpty()) {
            return header;
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("api-key=")) {
                    return pair.substring("api-key=".length());
                }
            }
        }
        return null;
    }

    /** LNbits' key checker: the wallet and whether the key is its admin key; null after answering an error. */
    private Map.Entry<Wallet, Boolean> authenticate(HttpExchange exchange) throws IOException {
        String key = apiKey(exchange);
        if (key == null) {
            send(exchange, 401, detail("No Api Key provided."));
            return null;
        }
        Wallet admin = byAdminKey.get(key);
        if (admin != null) {
            return Map.entry(admin, true);
        }
        Wallet invoice = byInvoiceKey.get(key);
        if (invoice != null) {
            return Map.entry(invoice, false);
        }
        if (legacyAuthErrors) {
            send(exchange, 401, detail("Invalid key or expired key."));
        } else {
            send(exchange, 404, detail("Wallet not found."));
        }
        return null;
    }

    // ------------------------------------------------------------------ POST /api/v1/payments

    private void createPayment(HttpExchange exchange, byte[] requestBody) throws IOException {
        Map.Entry<Wallet, Boolean> auth = authenticate(exchange);
        if (auth == null) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(requestBody);
            if (body == null || !body.isObject()) {
                throw new IOException("body must be an object");
            }
        } catch (IOException e) {
            send(exchange, 400, detail("[{'type': 'json_invalid', 'loc': ('body',), 'msg': 'JSON decode error'}]"));
            return;
        }
        boolean out = body.path("out").asBoolean(true);
        if (!out) {
            send(exchange, 400, detail("this contract server implements paying only (out: true)"));
            return;
        }
        if (!auth.getValue()) {
            send(exchange, 403, detail("Invoice (or Admin) key required."));
            return;
        }
        String bolt11 = body.path("bolt11").asText("");
        if (bolt11.isEmpty()) {
            send(exchange, 400, detail("Missing BOLT11 invoice"));
            return;
        }
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11Invoice.decode(bolt11);
        } catch (Bolt11Exception e) {
            send(exchange, 520, paymentError("Bolt11 decoding failed."));
            return;
        }
        if (invoice.amountMsat().isEmpty()) {
            send(exchange, 520, paymentError("Amountless invoices not supported."));
            return;
        }
        String hash = invoice.paymentHash().toHex();
        Payment earlier = payments.get(hash);
        if (earlier != null && earlier.status().equals("success")) {
            send(exchange, 520, paymentError("Internal invoice already paid."));
            return;
        }
        Wallet wallet = auth.getKey();
        PaymentResult result;
        try {
            result = node.payer(wallet.id()).pay(bolt11, PaymentLimits.maxFee(0));
        } catch (PaymentFailedException e) {
            switch (e.reason()) {
                case INSUFFICIENT_BALANCE -> send(exchange, 520, paymentError("Insufficient balance."));
                case INVOICE_ALREADY_PAID -> send(exchange, 520, paymentError("Internal invoice already paid."));
                default -> send(exchange, 520, paymentError("Payment failed: " + e.getMessage()));
            }
            return;
        } catch (BackendUnavailableException e) {
            send(exchange, 500, detail(e.getMessage()));
            return;
        } catch (LightningException e) {
            send(exchange, 520, paymentError("Bolt11 decoding failed."));
            return;
        }
        Payment payment = new Payment(wallet.id().value(), hash, bolt11, invoice.amountMsat().getAsLong(),
                result.preimage().toHex(), reportedFeeMsat, invoice.description().orElse(""), "success", Instant.now());
        payments.put(hash, payment);
        paymentsMade.incrementAndGet();
        if (malformedPaymentResponses) {
            sendRaw(exchange, 201, "application/json", "{\"payment_hash\": \"" + hash + "\", \"check");
            return;
        }
        if (minimalPaymentResponses) {
            ObjectNode minimal = JSON.createObjectNode();
            minimal.put("payment_hash", hash);
            minimal.put("checking_id", hash);
            send(exchange, 201, minimal);
            return;
        }
        send(exchange, 201, paymentModel(payment));
    }

    private ObjectNode paymentModel(Payment p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("checking_id", "internal_" + p.hash());
        o.put("payment_hash", p.hash());
        o.put("wallet_id", p.walletId());
        o.put("amount", -p.amountMsat());
        o.put("fee", -p.feeMsat());
        o.put("bolt11", p.bolt11());
        o.put("payment_request", p.bolt11());
        o.putNull("fiat_provider");
        o.put("status", p.status());
        o.put("memo", p.memo());
        o.putNull("expiry");
        o.putNull("webhook");
        o.putNull("webhook_status");
        o.put("preimage", p.preimage());
        o.putNull("tag");
        o.putNull("extension");
        o.put("time", p.time().toString());
        o.put("created_at", p.time().toString());
        o.put("updated_at", p.time().toString());
        o.putArray("labels");
        o.putObject("extra");
        return o;
    }

    // ------------------------------------------------------------------ GET /api/v1/payments/{hash}

    private void payment(HttpExchange exchange, String hash) throws IOException {
        String key = apiKey(exchange);
        Wallet wallet = key == null ? null : Optional.ofNullable(byAdminKey.get(key)).orElse(byInvoiceKey.get(key));
        Payment p = payments.get(hash.toLowerCase());
        if (p == null || (wallet != null && !wallet.id().value().equals(p.walletId()))) {
            send(exchange, 404, detail("Payment does not exist."));
            return;
        }
        boolean own = wallet != null;
        ObjectNode o = JSON.createObjectNode();
        if (pendingStatusAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            o.put("paid", false);
            o.put("status", "pending");
            o.putNull("preimage");
            if (own) {
                o.set("details", paymentModel(new Payment(p.walletId(), p.hash(), p.bolt11(), p.amountMsat(), null,
                        p.feeMsat(), p.memo(), "pending", p.time())));
            }
            send(exchange, 200, o);
            return;
        }
        if (p.status().equals("success")) {
            o.put("paid", true);
            o.put("preimage", p.preimage());
        } else {
            o.put("paid", false);
            o.put("status", "failed");
        }
        if (own) {
            o.set("details", paymentModel(p));
        }
        send(exchange, 200, o);
    }

    // ------------------------------------------------------------------ GET /api/v1/wallet

    private void wallet(HttpExchange exchange) throws IOException {
        Map.Entry<Wallet, Boolean> auth = authenticate(exchange);
        if (auth == null) {
            return;
        }
        Wallet wallet = auth.getKey();
        ObjectNode o = JSON.createObjectNode();
        o.put("name", wallet.name());
        try {
            o.put("balance", node.balanceMsat(wallet.id()));
        } catch (LightningException e) {
            send(exchange, 500, detail(e.getMessage()));
            return;
        }
        if (auth.getValue()) {
            o.put("id", wallet.id().value());
        }
        send(exchange, 200, o);
    }

    // ------------------------------------------------------------------ responses

    private static ObjectNode detail(String message) {
        return JSON.createObjectNode().put("detail", message);
    }

    private static ObjectNode paymentError(String message) {
        return JSON.createObjectNode().put("detail", message).put("status", "failed");
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        sendRaw(exchange, status, "application/json", body.toString());
    }

    private static void sendRaw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
