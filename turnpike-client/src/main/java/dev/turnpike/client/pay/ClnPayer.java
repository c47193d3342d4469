package dev.turnpike.client.pay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.nodes.cln.ClnDialect;
import dev.turnpike.nodes.cln.Runes;
import dev.turnpike.nodes.http.BoundedJson;
import dev.turnpike.nodes.http.NodeCallException;
import dev.turnpike.nodes.http.NodeCredential;
import dev.turnpike.nodes.http.NodeHttp;
import dev.turnpike.nodes.http.NodeResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
public final class ClnPayer extends NodePayer {

    private static final String NODE = "Core Lightning";

    private ClnPayer(NodeHttp http, Duration paymentTimeout) {
        super(http, paymentTimeout);
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
                case "complete" -> new PaymentResult(NodePayers.preimage(paid.path("payment_preimage").asText(""), hash, NODE), fee(paid), hash);
                case "pending" -> throw new PayerUnavailableException("Core Lightning is still paying " + hash,
                        null, true);
                default -> throw new PaymentRefusedException(PaymentRefusedException.Reason.REJECTED,
                        "Core Lightning could not pay " + hash);
            };
        } catch (NodeCallException e) {
            throw NodePayers.error(e, true);
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
            throw NodePayers.error(e, false);
        }
        if (!pays.isArray()) {
            throw new PayerUnavailableException("Core Lightning answered listpays without 'pays'", null, true);
        }
        boolean pending = false;
        for (JsonNode pay : pays) {
            switch (pay.path("status").asText("")) {
                case "complete" -> {
                    return Optional.of(new PaymentStatus.Succeeded(NodePayers.preimage(pay.path("preimage").asText(""), paymentHash, NODE),
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

    /** What was sent beyond the amount; CLN's amounts are msat numbers. */
    private static long fee(JsonNode pay) {
        long fee = pay.path("amount_sent_msat").asLong(0) - pay.path("amount_msat").asLong(0);
        return Math.max(0, fee);
    }

    /** Configures a {@link ClnPayer}; see {@link NodePayerSettings} for the timeouts. */
    public static final class Builder extends NodePayerSettings<Builder> {
        private final URI restUrl;
        private final Path caCert;
        private final Path runeFile;

        private Builder(URI restUrl, Path caCert, Path runeFile) {
            this.restUrl = Objects.requireNonNull(restUrl, "restUrl");
            this.caCert = Objects.requireNonNull(caCert, "caCert");
            this.runeFile = Objects.requireNonNull(runeFile, "runeFile");
        }

        @Override
        Builder self() {
            return this;
        }

        /** @throws IOException if the certificate or rune file cannot be read */
        public ClnPayer build() throws IOException {
            NodeHttp http = configure(NodeHttp.builder(restUrl,
                            NodeCredential.of("Rune", Runes.fromFile(runeFile), "rune"), ClnDialect.INSTANCE))
                    .trustCertificate(caCert)
                    .build();
            return new ClnPayer(http, paymentTimeout);
        }
    }
}
