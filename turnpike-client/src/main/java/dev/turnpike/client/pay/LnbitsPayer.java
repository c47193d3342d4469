package dev.turnpike.client.pay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.nodes.http.BoundedJson;
import dev.turnpike.nodes.http.Durations;
import dev.turnpike.nodes.http.NodeCredential;
import dev.turnpike.nodes.http.NodeHttp;
import dev.turnpike.nodes.http.NodeResponse;
import dev.turnpike.nodes.http.NodeUnreachableException;
import dev.turnpike.nodes.http.Texts;
import dev.turnpike.nodes.lnbits.LnbitsDialect;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays through an LNbits wallet over its HTTP API, with the wallet's <b>admin key</b> in {@code X-Api-Key}. The same
 * API is served by the Turnpike gateway for the embedded node's dev wallets, so this is also the dev payer.
 *
 * <table>
 *   <caption>Endpoints used (LNbits {@code lnbits/core/views/payment_api.py}, {@code wallet_api.py})</caption>
 *   <tr><td>{@code POST {base}/api/v1/payments} {@code {"out": true, "bolt11": "…"}}</td>
 *       <td>201 with the payment: {@code payment_hash}, {@code checking_id}, and in LNbits 1.x also {@code status},
 *       {@code preimage}, {@code fee} (msat, negative for outgoing)</td></tr>
 *   <tr><td>{@code GET {base}/api/v1/payments/{payment_hash}}</td>
 *       <td>{@code {"paid": true, "preimage": "…", "details": {…}}}, {@code {"paid": false, "status": "failed"|"pending"}},
 *       404 {@code {"detail": "Payment does not exist."}}</td></tr>
 *   <tr><td>{@code GET {base}/api/v1/wallet}</td><td>{@code {"name": "…", "balance": <msat>}}</td></tr>
 * </table>
 *
 * <p>Errors, with LNbits' {@code {"detail": "…"}} kept in the message: 401/403 and 404 "Wallet not found." (a key
 * LNbits does not know) → {@link WalletAuthenticationException}; 400, and 520 with {@code "status": "failed"} (e.g.
 * "Insufficient balance.") → {@link PaymentRefusedException}; 520 {@code "pending"}, other statuses, bodies that are
 * not the API, timeouts → {@link PayerUnavailableException} with the outcome unknown; connection refused →
 * {@link PayerUnavailableException} with nothing paid.
 *
 * <p>Limits: the amount is checked against the decoded invoice before anything is sent. LNbits' API takes no fee
 * limit (it reserves a fee itself), so the fee LNbits reports is compared with the limit after the payment and an
 * excess is logged; the caller sees it in {@link PaymentResult#feeMsat()}.
 */
public final class LnbitsPayer implements ResumablePayer {

    /** The largest response body read from LNbits. */
    public static final int MAX_RESPONSE_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(LnbitsPayer.class);
    private static final LnbitsDialect LNBITS = LnbitsDialect.INSTANCE;

    private final NodeHttp http;
    private final Duration settleTimeout;
    private final Duration pollInterval;

    private LnbitsPayer(Builder b) {
        this.http = NodeHttp.builder(b.base, NodeCredential.of("X-Api-Key", b.adminKey, "LNbits admin key"), LNBITS)
                .connectTimeout(b.connectTimeout)
                .requestTimeout(b.requestTimeout)
                .maxResponseBytes(MAX_RESPONSE_BYTES)
                .build();
        this.settleTimeout = b.settleTimeout;
        this.pollInterval = b.pollInterval;
    }

    /**
     * @param baseUrl  the LNbits (or Turnpike dev wallet API) base URL, e.g. {@code https://legend.lnbits.com} or
     *                 {@code http://127.0.0.1:8080/wallet}; {@code /api/v1/…} is appended
     * @param adminKey the wallet's admin key (an invoice key cannot pay)
     */
    public static Builder builder(URI baseUrl, String adminKey) {
        return new Builder(baseUrl, adminKey);
    }

    @Override
    public PaymentResult pay(String bolt11, PaymentLimits limits) throws PayerException {
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(limits, "limits");
        Bolt11Invoice invoice = InvoiceLimits.check(bolt11, limits);
        PaymentHash hash = invoice.paymentHash();

        ObjectNode request = BoundedJson.object().put("out", true).put("bolt11", bolt11);
        NodeResponse r = call("/api/v1/payments", request, true);
        if (r.status() != 200 && r.status() != 201) {
            throw error(r, true);
        }
        JsonNode body = json(r, true);
        String returnedHash = body.path("payment_hash").asText("");
        if (!returnedHash.equalsIgnoreCase(hash.toHex())) {
            throw new PayerUnavailableException("LNbits answered the payment of " + hash + " with payment hash '"
                    + Texts.clean(returnedHash) + "'", null, true);
        }
        if ("failed".equals(body.path("status").asText(null))) {
            throw new PaymentRefusedException(PaymentRefusedException.Reason.REJECTED,
                    "LNbits reports the payment of " + hash + " failed");
        }
        Preimage preimage = preimage(body.path("preimage"), hash);
        long fee = fee(body);
        if (preimage == null) {
            PaymentStatus.Succeeded settled = awaitSettlement(hash);
            preimage = settled.preimage();
            fee = Math.max(fee, settled.feeMsat());
        }
        if (fee > limits.maxFeeMsat()) {
            LOG.warn("LNbits paid {} with a fee of {} msat, above the limit of {} msat (its API takes no fee limit)",
                    hash, fee, limits.maxFeeMsat());
        }
        return new PaymentResult(preimage, fee, hash);
    }

    /** Polls the payment's status until it has a preimage, it failed, or the settle timeout passes. */
    private PaymentStatus.Succeeded awaitSettlement(PaymentHash hash) throws PayerException {
        long deadline = System.nanoTime() + settleTimeout.toNanos();
        while (true) {
            Optional<PaymentStatus> status = status(hash);
            if (status.isPresent() && status.get() instanceof PaymentStatus.Succeeded s) {
                return s;
            }
            if (status.isPresent() && status.get() instanceof PaymentStatus.Failed f) {
                throw new PaymentRefusedException(PaymentRefusedException.Reason.REJECTED,
                        "LNbits reports the payment of " + hash + " failed: " + f.detail());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new PayerUnavailableException("the payment of " + hash + " was still pending at LNbits after "
                        + settleTimeout.toSeconds() + " s", null, true);
            }
            sleep(pollInterval);
        }
    }

    @Override
    public Optional<PaymentStatus> status(PaymentHash paymentHash) throws PayerException {
        Objects.requireNonNull(paymentHash, "paymentHash");
        NodeResponse r = call("/api/v1/payments/" + paymentHash.toHex(), null, false);
        if (r.status() == 404 && !LNBITS.isWalletNotFound(r)) {
            return Optional.empty();
        }
        if (r.status() != 200) {
            throw error(r, false);
        }
        JsonNode body = json(r, false);
        if (!body.path("paid").isBoolean()) {
            throw new PayerUnavailableException("LNbits answered the status of " + paymentHash
                    + " without a boolean 'paid'", null, true);
        }
        if (body.get("paid").asBoolean()) {
            Preimage preimage = preimage(body.path("preimage"), paymentHash);
            if (preimage == null) {
                throw new PayerUnavailableException("LNbits reports " + paymentHash
                        + " paid but gives no preimage that hashes to it", null, true);
            }
            return Optional.of(new PaymentStatus.Succeeded(preimage, fee(body.path("details"))));
        }
        String state = body.path("status").asText(body.path("details").path("status").asText(""));
        if (state.equals("failed")) {
            return Optional.of(new PaymentStatus.Failed("LNbits reports the payment failed"));
        }
        return Optional.of(new PaymentStatus.InFlight());
    }

    /** The wallet's name and balance ({@code GET /api/v1/wallet}). */
    public WalletBalance wallet() throws PayerException {
        NodeResponse r = call("/api/v1/wallet", null, false);
        if (r.status() != 200) {
            throw error(r, false);
        }
        JsonNode body = json(r, false);
        if (!body.path("balance").canConvertToLong()) {
            throw new PayerUnavailableException("LNbits answered the wallet query without a balance", null, false);
        }
        return new WalletBalance(body.path("name").asText(""), body.get("balance").asLong());
    }

    /** A wallet's name and balance in msat. */
    public record WalletBalance(String name, long balanceMsat) {}

    @Override
    public String describe() {
        return "lnbits " + http.baseUrl();
    }

    // ------------------------------------------------------------------ HTTP

    /** GET (no body) or POST; an unreachable LNbits is a {@link PayerUnavailableException}. */
    private NodeResponse call(String path, ObjectNode body, boolean payment) throws PayerUnavailableException {
        try {
            return body == null ? http.get(path) : http.post(path, body);
        } catch (NodeUnreachableException e) {
            throw new PayerUnavailableException(e.getMessage(), e, payment && e.requestMayHaveArrived());
        }
    }

    private JsonNode json(NodeResponse r, boolean payment) throws PayerUnavailableException {
        try {
            JsonNode node = BoundedJson.read(r.body());
            if (!node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new PayerUnavailableException("LNbits answered HTTP " + r.status() + " with a body that is not its API ("
                    + e.getClass().getSimpleName() + ")" + (payment ? "; the payment may have been made" : ""), e,
                    payment);
        }
    }

    private static PayerException error(NodeResponse r, boolean payment) {
        String detail = LNBITS.errorMessage(r);
        String message = "LNbits: HTTP " + r.status() + ": " + detail;
        return switch (r.status()) {
            case 401, 403 -> new WalletAuthenticationException("LNbits refused the key (HTTP " + r.status() + "): "
                    + detail, r.status());
            case 404 -> LNBITS.isWalletNotFound(r)
                    ? new WalletAuthenticationException("LNbits knows no wallet with this key (HTTP 404): " + detail, 404)
                    : new PayerUnavailableException(message, null, payment);
            case 400 -> new PaymentRefusedException(reasonFrom(detail), message);
            case 520 -> switch (field(r, "status")) {
                case "failed" -> new PaymentRefusedException(reasonFrom(detail), message);
                case "success" -> new PaymentRefusedException(PaymentRefusedException.Reason.INVOICE_ALREADY_PAID, message);
                default -> new PayerUnavailableException(message, null, payment);
            };
            default -> new PayerUnavailableException(message, null, payment);
        };
    }

    private static PaymentRefusedException.Reason reasonFrom(String detail) {
        String d = detail.toLowerCase(Locale.ROOT);
        if (d.contains("insufficient balance") || d.contains("reserve at least")) {
            return PaymentRefusedException.Reason.INSUFFICIENT_BALANCE;
        }
        if (d.contains("already paid")) {
            return PaymentRefusedException.Reason.INVOICE_ALREADY_PAID;
        }
        if (d.contains("expired")) {
            return PaymentRefusedException.Reason.INVOICE_EXPIRED;
        }
        if (d.contains("bolt11") || d.contains("amountless") || d.contains("invoice amount")) {
            return PaymentRefusedException.Reason.INVALID_INVOICE;
        }
        return PaymentRefusedException.Reason.REJECTED;
    }

    private static String field(NodeResponse r, String name) {
        try {
            JsonNode node = BoundedJson.read(r.body());
            return node != null && node.path(name).isTextual() ? node.get(name).asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Preimage preimage(JsonNode node, PaymentHash hash) {
        if (!node.isTextual()) {
            return null;
        }
        String hex = node.asText();
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        Preimage p = Preimage.of(HexFormat.of().parseHex(hex));
        return p.matches(hash) ? p : null;
    }

    /** LNbits' {@code fee} in msat (negative for outgoing payments), as a positive number; 0 if absent. */
    private static long fee(JsonNode node) {
        JsonNode fee = node.path("fee");
        return fee.canConvertToLong() ? Math.abs(fee.asLong()) : 0;
    }

    private static void sleep(Duration d) throws PayerUnavailableException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PayerUnavailableException("interrupted while waiting for LNbits", e, true);
        }
    }

    @Override
    public String toString() {
        return "LnbitsPayer[" + http.baseUrl() + ", key redacted]";
    }

    /** Configures an {@link LnbitsPayer}. */
    public static final class Builder {
        private final URI base;
        private final String adminKey;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration settleTimeout = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofMillis(250);

        private Builder(URI baseUrl, String adminKey) {
            this.base = Objects.requireNonNull(baseUrl, "baseUrl");
            this.adminKey = Objects.requireNonNull(adminKey, "adminKey");
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Durations.positive(timeout, "connectTimeout");
            return this;
        }

        /** How long one request to LNbits may take (a payment request waits for the route); 60 s by default. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Durations.positive(timeout, "requestTimeout");
            return this;
        }

        /** How long to poll a payment LNbits accepted as pending before reporting its outcome unknown; 30 s. */
        public Builder settleTimeout(Duration timeout) {
            this.settleTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder pollInterval(Duration interval) {
            this.pollInterval = Durations.positive(interval, "pollInterval");
            return this;
        }

        /**
         * @throws IllegalArgumentException if the URL is not https (or http to loopback), or the key is not printable
         */
        public LnbitsPayer build() {
            return new LnbitsPayer(this);
        }

    }
}
