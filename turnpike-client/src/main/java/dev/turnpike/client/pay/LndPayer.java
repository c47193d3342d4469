package dev.turnpike.client.pay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.nodes.http.BoundedJson;
import dev.turnpike.nodes.http.JsonLineStream;
import dev.turnpike.nodes.http.NodeCallException;
import dev.turnpike.nodes.http.NodeCredential;
import dev.turnpike.nodes.http.NodeHttp;
import dev.turnpike.nodes.http.NodeRejectedException;
import dev.turnpike.nodes.http.StreamOpening;
import dev.turnpike.nodes.http.Texts;
import dev.turnpike.nodes.lnd.LndDialect;
import dev.turnpike.nodes.lnd.LndJson;
import dev.turnpike.nodes.lnd.Macaroons;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pays through lnd's router over its REST API (lnd's {@code routerrpc/router.swagger.json}), with a macaroon that may
 * pay ({@code admin.macaroon}, or one baked with {@code offchain:read offchain:write}) over TLS that trusts only the
 * node's {@code tls.cert}.
 *
 * <table>
 *   <caption>Endpoints used</caption>
 *   <tr><td>{@code POST /v2/router/send} {@code {"payment_request", "fee_limit_msat", "timeout_seconds",
 *       "no_inflight_updates": false}}</td>
 *       <td>newline-delimited {@code {"result": lnrpc.Payment}}: IN_FLIGHT updates, then SUCCEEDED
 *       ({@code payment_preimage} hex, {@code fee_msat}) or FAILED ({@code failure_reason}); 409 gRPC code 6 "invoice
 *       is already paid" / "payment is in transition"</td></tr>
 *   <tr><td>{@code GET /v2/router/track/{payment_hash}} (base64url)</td>
 *       <td>the payment's current state first; 404 gRPC code 5 "payment isn't initiated"</td></tr>
 * </table>
 *
 * <p>The amount is checked on the decoded invoice before lnd is asked; the fee limit goes to lnd, which routes within
 * it. A payment whose stream breaks or outlasts the payment timeout is reported with its outcome unknown, and
 * {@link #status} finds it by hash: lnd itself refuses to send a payment hash twice.
 */
public final class LndPayer extends NodePayer {

    private static final int MAX_LINE_BYTES = 256 * 1024;

    private LndPayer(NodeHttp http, Duration paymentTimeout) {
        super(http, paymentTimeout);
    }

    /**
     * @param restAddress lnd's REST listener, {@code host:port}
     * @param tlsCert lnd's {@code tls.cert}
     * @param macaroon a macaroon that may pay (binary, as lnd writes it)
     */
    public static Builder builder(String restAddress, Path tlsCert, Path macaroon) {
        return new Builder(restAddress, tlsCert, macaroon);
    }

    @Override
    public PaymentResult pay(String bolt11, PaymentLimits limits) throws PayerException {
        Objects.requireNonNull(bolt11, "bolt11");
        Bolt11Invoice invoice = InvoiceLimits.check(bolt11, Objects.requireNonNull(limits, "limits"));
        JsonNode body = BoundedJson.object()
                .put("payment_request", bolt11)
                .put("fee_limit_msat", Long.toString(limits.maxFeeMsat()))
                .put("timeout_seconds", paymentTimeout.toSeconds())
                .put("no_inflight_updates", false);
        Duration deadline = paymentTimeout.plus(http.requestTimeout());
        AtomicBoolean timedOut = new AtomicBoolean();
        try (StreamOpening opening = http.openStream("POST", "/v2/router/send", body, MAX_LINE_BYTES,
                "payment stream")) {
            JsonLineStream stream = opening.await(deadline).orElseThrow(() -> new PayerUnavailableException(
                    "lnd did not answer the payment of " + invoice.paymentHash() + " within " + deadline.toSeconds()
                            + " s; it may have been made", null, true));
            // the stream has no timeout of its own: close it at the deadline
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
                timedOut.set(true);
                stream.close();
            }, CompletableFuture.delayedExecutor(deadline.toNanos(), TimeUnit.NANOSECONDS));
            try (stream) {
                return finalState(stream, invoice.paymentHash());
            } finally {
                watchdog.cancel(false);
            }
        } catch (NodeCallException e) {
            if (timedOut.get()) {
                throw new PayerUnavailableException("the payment of " + invoice.paymentHash()
                        + " had no final state after " + deadline.toSeconds() + " s; it may have been made", e, true);
            }
            throw paymentError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PayerUnavailableException("interrupted while paying " + invoice.paymentHash(), e, true);
        }
    }

    /** Reads the stream's updates until the payment succeeded or failed. */
    private PaymentResult finalState(JsonLineStream stream, PaymentHash hash) throws NodeCallException, PayerException {
        Optional<JsonNode> line;
        while ((line = stream.next()).isPresent()) {
            JsonNode payment = result(line.get());
            PaymentStatus status = status(payment, hash);
            if (status instanceof PaymentStatus.Succeeded s) {
                return new PaymentResult(s.preimage(), s.feeMsat(), hash);
            }
            if (status instanceof PaymentStatus.Failed f) {
                throw new PaymentRefusedException(refusal(payment.path("failure_reason").asText("")),
                        "lnd could not pay " + hash + ": " + f.detail());
            }
        }
        throw new PayerUnavailableException("lnd's payment stream ended before the payment of " + hash
                + " did; it may have been made", null, true);
    }

    @Override
    public Optional<PaymentStatus> status(PaymentHash paymentHash) throws PayerException {
        Objects.requireNonNull(paymentHash, "paymentHash");
        String path = "/v2/router/track/" + LndJson.urlHash(paymentHash) + "?no_inflight_updates=false";
        try (StreamOpening opening = http.openStream("GET", path, null, MAX_LINE_BYTES, "payment tracking")) {
            Optional<JsonLineStream> answered = opening.await(http.requestTimeout());
            if (answered.isEmpty()) {
                throw new PayerUnavailableException("lnd did not answer the status of " + paymentHash + " within "
                        + http.requestTimeout().toSeconds() + " s", null, true);
            }
            try (JsonLineStream stream = answered.get()) {
                JsonNode first = stream.next().orElseThrow(() -> http.failed(
                        "lnd's payment tracking ended without a state", null));
                return Optional.of(status(result(first), paymentHash));
            }
        } catch (NodeRejectedException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty(); // "payment isn't initiated": never sent from this node
            }
            throw NodePayers.error(e, false);
        } catch (NodeCallException e) {
            throw NodePayers.error(e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PayerUnavailableException("interrupted while asking lnd", e, true);
        }
    }

    /** The {@code lnrpc.Payment} of a stream line; an {@code {"error"}} line is thrown as the node's failure. */
    private JsonNode result(JsonNode line) throws NodeCallException {
        if (line.path("result").isObject()) {
            return line.get("result");
        }
        throw http.failed("lnd's payment stream reported: "
                + Texts.clean(line.path("error").path("message").asText("a line without a result")), null);
    }

    private PaymentStatus status(JsonNode payment, PaymentHash hash) throws PayerException {
        if (!hash.toHex().equalsIgnoreCase(payment.path("payment_hash").asText(""))) {
            throw new PayerUnavailableException("lnd answered about payment '"
                    + Texts.clean(payment.path("payment_hash").asText("")) + "' when asked about " + hash, null, true);
        }
        String state = payment.path("status").asText("");
        return switch (state) {
            case "SUCCEEDED" -> new PaymentStatus.Succeeded(
                    NodePayers.preimage(payment.path("payment_preimage").asText(""), hash, "lnd"), feeMsat(payment));
            case "FAILED" -> new PaymentStatus.Failed(Texts.clean(payment.path("failure_reason").asText("FAILED")));
            case "IN_FLIGHT", "INITIATED", "UNKNOWN" -> new PaymentStatus.InFlight();
            default -> throw new PayerUnavailableException("lnd reported the payment of " + hash
                    + " in an unknown state '" + Texts.clean(state) + "'", null, true);
        };
    }

    private static long feeMsat(JsonNode payment) throws PayerUnavailableException {
        try {
            return LndJson.uint64(payment, "fee_msat");
        } catch (IllegalArgumentException e) {
            throw new PayerUnavailableException("lnd reported a payment with " + e.getMessage(), null, true);
        }
    }

    /** lnd's {@code failure_reason} as a refusal. */
    private static PaymentRefusedException.Reason refusal(String failureReason) {
        return switch (failureReason) {
            case "FAILURE_REASON_NO_ROUTE", "FAILURE_REASON_TIMEOUT" -> PaymentRefusedException.Reason.UNREACHABLE_PAYEE;
            case "FAILURE_REASON_INCORRECT_PAYMENT_DETAILS" -> PaymentRefusedException.Reason.UNKNOWN_INVOICE;
            case "FAILURE_REASON_INSUFFICIENT_BALANCE" -> PaymentRefusedException.Reason.INSUFFICIENT_BALANCE;
            default -> PaymentRefusedException.Reason.REJECTED;
        };
    }

    /** lnd refuses a hash it paid ("invoice is already paid") or is paying ("payment is in transition"). */
    private static PayerException paymentError(NodeCallException e) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof NodeRejectedException) {
            if (message.contains("already paid")) {
                return new PaymentRefusedException(PaymentRefusedException.Reason.INVOICE_ALREADY_PAID, e.getMessage());
            }
            if (message.contains("in transition") || message.contains("in flight")) {
                return new PayerUnavailableException(e.getMessage() + "; ask for its status", e, true);
            }
        }
        return NodePayers.error(e, true);
    }

    /** Configures an {@link LndPayer}; see {@link NodePayerSettings} for the timeouts. */
    public static final class Builder extends NodePayerSettings<Builder> {
        private final URI base;
        private final Path tlsCert;
        private final Path macaroon;

        private Builder(String restAddress, Path tlsCert, Path macaroon) {
            this.base = URI.create("https://" + Objects.requireNonNull(restAddress, "restAddress").strip());
            if (base.getHost() == null || base.getPort() <= 0 || !base.getRawPath().isEmpty()) {
                throw new IllegalArgumentException("lnd's REST address must be host:port, not '" + restAddress + "'");
            }
            this.tlsCert = Objects.requireNonNull(tlsCert, "tlsCert");
            this.macaroon = Objects.requireNonNull(macaroon, "macaroon");
        }

        @Override
        Builder self() {
            return this;
        }

        /** @throws IOException if the certificate or macaroon file cannot be read */
        public LndPayer build() throws IOException {
            NodeHttp http = configure(NodeHttp.builder(base,
                            NodeCredential.of("Grpc-Metadata-macaroon", Macaroons.hexFromFile(macaroon), "macaroon"),
                            LndDialect.INSTANCE))
                    .trustCertificate(tlsCert)
                    .build();
            return new LndPayer(http, paymentTimeout);
        }
    }
}
