package dev.turnpike.client.pay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.nodes.cln.ClnDialect;
import dev.turnpike.nodes.cln.ClnInvoiceBackend;
import dev.turnpike.nodes.http.BoundedJson;
import dev.turnpike.nodes.http.NodeCallException;
import dev.turnpike.nodes.http.NodeCredential;
import dev.turnpike.nodes.http.NodeHttp;
import dev.turnpike.nodes.http.NodeResponse;
import dev.turnpike.nodes.http.Texts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Pays through Core Lightning's clnrest with a rune that allows {@code pay} and {@code listpays}, over TLS that trusts
 * only clnrest's CA certificate.
 *
 * <table>
 *   <caption>Endpoints used (lightning-pay(7), lightning-listpays(7))</caption>
 *   <tr><td>{@code POST /v1/pay} {@code {"bolt11", "maxfee", "retry_for"}}</td>
 *       <td>201 {@code {"payment_preimage", "payment_hash", "amount_msat", "amount_sent_msat", "status": "complete"}};
 *       500 {@code {"code", "message"}}: 200 in progress, 201 already paid, 203 unknown at the destination, 205/210
 *       no route, 206 too expensive, 207 expired</td></tr>
 *   <tr><td>{@code POST /v1/listpays} {@code {"payment_hash"}}</td>
 *       <td>201 {@code {"pays": [{"status": "pending"|"complete"|"failed", "preimage", "amount_msat",
 *       "amount_sent_msat"…}]}}</td></tr>
 * </table>
 *
 * <p>The amount is checked on the decoded invoice before CLN is asked; {@code maxfee} carries the fee limit. A call
 * that breaks or times out leaves the outcome unknown, and {@link #status} finds the payment by hash.
 */
public final class ClnPayer implements ResumablePayer {

    private final NodeHttp http;
    private final Duration paymentTimeout;

    private ClnPayer(NodeHttp http, Duration paymentTimeout) {
        this.http = http;
        this.paymentTimeout = paymentTimeout;
    }

    /**
     * @param restUrl clnrest's URL, e.g. {@code https://127.0.0.1:3010}
     * @param caCert clnrest's CA certificate ({@code ca.pem})
     * @param runeFile a file holding a rune for {@code pay} and {@code listpays}
     */
    public static Builder builder(URI restUrl, Path caCert, Path runeFile) {
        return new Builder(restUrl, caCert, runeFile);
    }

    @Override
    public PaymentResult pay(String bolt11, PaymentLimits limits) throws PayerException {
        Objects.requireNonNull(bolt11, "bolt11");
        Bolt11Invoice invoice = InvoiceLimits.check(bolt11, Objects.requireNonNull(limits, "limits"));
        PaymentHash hash = invoice.paymentHash();
        JsonNode body = BoundedJson.object()
                .put("bolt11", bolt11)
                .put("maxfee", limits.maxFeeMsat())
                .put("retry_for", paymentTimeout.toSeconds());
        try {
            NodeResponse response = http.post("/v1/pay", body, paymentTimeout.plus(http.requestTimeout()));
            if (response.status() == 500) {
                throw payError(response, hash);
            }
            JsonNode paid = http.expectJson(response, "paying " + hash);
            return switch (paid.path("status").asText("")) {
                case "complete" -> new PaymentResult(preimage(paid.path("payment_preimage"), hash), fee(paid), hash);
                case "pending" -> throw new PayerUnavailableException("Core Lightning is still paying " + hash,
                        null, true);
                default -> throw new PaymentRefusedException(PaymentRefusedException.Reason.REJECTED,
                        "Core Lightning could not pay " + hash);
            };
        } catch (NodeCallException e) {
            throw NodePayerErrors.of(e, true);
        }
    }

    @Override
    public Optional<PaymentStatus> status(PaymentHash paymentHash) throws PayerException {
        Objects.requireNonNull(paymentHash, "paymentHash");
        JsonNode pays;
        try {
            pays = http.postJson("/v1/listpays", BoundedJson.object().put("payment_hash", paymentHash.toHex()),
                    "the status of " + paymentHash).path("pays");
        } catch (NodeCallException e) {
            throw NodePayerErrors.of(e, false);
        }
        if (!pays.isArray()) {
            throw new PayerUnavailableException("Core Lightning answered listpays without 'pays'", null, true);
        }
        boolean pending = false;
        for (JsonNode pay : pays) {
            switch (pay.path("status").asText("")) {
                case "complete" -> {
                    return Optional.of(new PaymentStatus.Succeeded(preimage(pay.path("preimage"), paymentHash),
                            fee(pay)));
                }
                case "pending" -> pending = true;
                default -> { } // a failed attempt; another may have succeeded
            }
        }
        if (pending) {
            return Optional.of(new PaymentStatus.InFlight());
        }
        return pays.isEmpty() ? Optional.empty()
                : Optional.of(new PaymentStatus.Failed("Core Lightning reports the payment failed"));
    }

    /** A {@code pay} error by its JSON-RPC code. */
    private static PayerException payError(NodeResponse response, PaymentHash hash) {
        String message = "Core Lightning could not pay " + hash + ": " + ClnDialect.INSTANCE.errorMessage(response);
        PaymentRefusedException.Reason reason = switch (ClnDialect.rpcCode(response)) {
            case 201 -> PaymentRefusedException.Reason.INVOICE_ALREADY_PAID;
            case 203 -> PaymentRefusedException.Reason.UNKNOWN_INVOICE;
            case 205, 210 -> PaymentRefusedException.Reason.UNREACHABLE_PAYEE;
            case 206 -> PaymentRefusedException.Reason.FEE_LIMIT_EXCEEDED;
            case 207 -> PaymentRefusedException.Reason.INVOICE_EXPIRED;
            case -32602 -> PaymentRefusedException.Reason.INVALID_INVOICE;
            default -> null;
        };
        // 200 (in progress) and anything unknown: the payment may be under way
        return reason == null ? new PayerUnavailableException(message + "; ask for its status", null, true)
                : new PaymentRefusedException(reason, message);
    }

    private static Preimage preimage(JsonNode hex, PaymentHash hash) throws PayerUnavailableException {
        try {
            Preimage preimage = Preimage.of(HexFormat.of().parseHex(hex.asText("")));
            if (preimage.matches(hash)) {
                return preimage;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw new PayerUnavailableException("Core Lightning reports " + hash
                + " paid but gives no preimage that hashes to it", null, true);
    }

    /** What was sent beyond the amount; CLN's amounts are msat numbers. */
    private static long fee(JsonNode pay) {
        long fee = pay.path("amount_sent_msat").asLong(0) - pay.path("amount_msat").asLong(0);
        return Math.max(0, fee);
    }

    @Override
    public String describe() {
        return "Core Lightning " + http.baseUrl();
    }

    @Override
    public String toString() {
        return "ClnPayer[" + http.baseUrl() + ", rune redacted]";
    }

    /** Configures a {@link ClnPayer}: payment timeout 60 s, call timeout 5 s, connect timeout 3 s. */
    public static final class Builder {
        private final URI restUrl;
        private final Path caCert;
        private final Path runeFile;
        private Duration paymentTimeout = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofSeconds(5);

        private Builder(URI restUrl, Path caCert, Path runeFile) {
            this.restUrl = Objects.requireNonNull(restUrl, "restUrl");
            this.caCert = Objects.requireNonNull(caCert, "caCert");
            this.runeFile = Objects.requireNonNull(runeFile, "runeFile");
        }

        /** How long CLN may try to pay ({@code retry_for}, whole seconds). */
        public Builder paymentTimeout(Duration timeout) {
            if (timeout.toSeconds() <= 0) {
                throw new IllegalArgumentException("the payment timeout must be at least one second: " + timeout);
            }
            this.paymentTimeout = timeout;
            return this;
        }

        /** How long a status query may take, and the margin a payment call gets beyond the payment timeout. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @throws IOException if the certificate or rune file cannot be read */
        public ClnPayer build() throws IOException {
            NodeHttp http = NodeHttp.builder(restUrl,
                            NodeCredential.of("Rune", ClnInvoiceBackend.readRune(runeFile), "rune"),
                            ClnDialect.INSTANCE)
                    .trustCertificate(caCert)
                    .requestTimeout(requestTimeout)
                    .build();
            return new ClnPayer(http, paymentTimeout);
        }
    }
}
