package dev.turnpike.nodes.lnd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.nodes.backend.BackendSettings;
import dev.turnpike.nodes.backend.IssuedInvoices;
import dev.turnpike.nodes.backend.RemoteInvoiceBackend;
import dev.turnpike.nodes.backend.SettlementWatcher;
import dev.turnpike.nodes.http.BoundedJson;
import dev.turnpike.nodes.http.JsonLineStream;
import dev.turnpike.nodes.http.NodeCallException;
import dev.turnpike.nodes.http.NodeCredential;
import dev.turnpike.nodes.http.NodeHttp;
import dev.turnpike.nodes.http.NodeResponse;
import dev.turnpike.nodes.http.StreamOpening;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Invoices from lnd over its REST API (lnd's {@code lightning.swagger.json}), authenticated by the
 * {@code Grpc-Metadata-macaroon} header (an {@code invoice.macaroon}: {@code invoices:read invoices:write}), over TLS
 * that trusts only the node's {@code tls.cert}.
 *
 * <table>
 *   <caption>Endpoints used</caption>
 *   <tr><td>{@code POST /v1/invoices} {@code {"memo", "value_msat", "expiry"}}</td>
 *       <td>{@code {"r_hash": base64, "payment_request", "add_index", "payment_addr"}}</td></tr>
 *   <tr><td>{@code GET /v1/invoice/{r_hash_str}} (hex)</td><td>the {@code lnrpc.Invoice}; 404 with gRPC code 5 when
 *       unknown</td></tr>
 *   <tr><td>{@code GET /v1/invoices/subscribe?settle_index=N}</td><td>newline-delimited {@code {"result": Invoice}};
 *       silent (no headers) until the first event</td></tr>
 * </table>
 *
 * <p>Settlements are learned from the subscription stream on a background thread. A broken stream is reopened with
 * exponential backoff and jitter, resuming from the highest {@code settle_index} seen, so lnd replays what was settled
 * meanwhile; invoices this backend made and still watches are also looked up after each reconnect (which covers a
 * backend that has not seen any settle index yet).
 */
public final class LndInvoiceBackend extends RemoteInvoiceBackend {

    private static final int MAX_LINE_BYTES = 256 * 1024;
    /** How long a refused macaroon or failing node takes to answer a subscription; silence beyond means accepted. */
    private static final Duration ERROR_ANSWER_GRACE = Duration.ofMillis(500);

    private volatile long settleIndex;

    private LndInvoiceBackend(Builder b, NodeHttp http) {
        super(b, http, "lnd-invoice-stream");
    }

    /**
     * @param restAddress lnd's REST listener, {@code host:port} ({@code restlisten}, 8080 by default)
     * @param tlsCert lnd's {@code tls.cert}
     * @param macaroon an {@code invoice.macaroon} (binary, as lnd writes it)
     */
    public static Builder builder(String restAddress, Path tlsCert, Path macaroon) {
        return new Builder(restAddress, tlsCert, macaroon);
    }

    @Override
    protected Invoice create(InvoiceRequest request) throws NodeCallException {
        JsonNode body = BoundedJson.object()
                .put("memo", request.memo())
                .put("value_msat", Long.toString(request.amountMsat()))
                .put("expiry", Long.toString(request.expiry().toSeconds()));
        JsonNode answer = http.postJson("/v1/invoices", body, "creating an invoice");
        PaymentHash reported;
        String bolt11;
        try {
            reported = LndJson.base64Hash(answer, "r_hash");
            bolt11 = LndJson.text(answer, "payment_request");
        } catch (IllegalArgumentException e) {
            throw malformed("creating an invoice", e);
        }
        return IssuedInvoices.verify(http, bolt11, request, network, reported);
    }

    @Override
    protected Optional<Invoice> find(PaymentHash paymentHash) throws NodeCallException {
        NodeResponse response = http.get("/v1/invoice/" + paymentHash.toHex());
        if (response.status() == 404 && LndDialect.grpcCode(response) == LndDialect.NOT_FOUND) {
            return Optional.empty();
        }
        String what = "looking up invoice " + paymentHash;
        Invoice invoice = parse(http.expectJson(response, what), what);
        if (!invoice.paymentHash().equals(paymentHash)) {
            throw http.failed("lnd answered " + what + " with invoice " + invoice.paymentHash(), null);
        }
        return Optional.of(invoice);
    }

    @Override
    protected void watch(SettlementWatcher.Control control) throws Exception {
        long from = settleIndex;
        String path = "/v1/invoices/subscribe" + (from > 0 ? "?settle_index=" + from : "");
        try (StreamOpening opening = http.openStream("GET", path, null, MAX_LINE_BYTES, "invoice stream")) {
            // A refused macaroon or a failing node answers at once; a healthy lnd stays silent until an event.
            Optional<JsonLineStream> early = opening.await(
                    ERROR_ANSWER_GRACE.compareTo(http.requestTimeout()) < 0 ? ERROR_ANSWER_GRACE : http.requestTimeout());
            control.connected();
            invoices.catchUp(this::lookup);
            try (JsonLineStream stream = early.isPresent() ? early.get() : opening.await()) {
                Optional<JsonNode> line;
                while ((line = stream.next()).isPresent()) {
                    JsonNode message = line.get();
                    if (!message.path("result").isObject()) {
                        throw http.failed("lnd's invoice stream reported: "
                                + LndDialect.errorObject(message).path("message").asText("a line without a result"),
                                null);
                    }
                    invoices.observed(parse(message.get("result"), "the invoice stream"));
                }
            }
        }
    }

    /** An {@code lnrpc.Invoice}; remembers its settle index for resuming the stream. */
    private Invoice parse(JsonNode json, String what) throws NodeCallException {
        try {
            PaymentHash hash = LndJson.base64Hash(json, "r_hash");
            Instant created = Instant.ofEpochSecond(LndJson.uint64(json, "creation_date"));
            Instant expires = created.plusSeconds(LndJson.uint64(json, "expiry"));
            InvoiceState state = switch (LndJson.text(json, "state")) {
                case "OPEN", "ACCEPTED" -> InvoiceState.OPEN;
                case "SETTLED" -> InvoiceState.SETTLED;
                case "CANCELED" -> clock.instant().isBefore(expires) ? InvoiceState.CANCELLED : InvoiceState.EXPIRED;
                default -> throw new IllegalArgumentException("'state' is not an invoice state");
            };
            long index = LndJson.uint64(json, "settle_index");
            if (state == InvoiceState.SETTLED && index > settleIndex) {
                settleIndex = index;
            }
            return new Invoice(LndJson.text(json, "payment_request"), hash, LndJson.uint64(json, "value_msat"),
                    created, expires, IssuedInvoices.effective(state, expires, clock.instant()));
        } catch (IllegalArgumentException e) {
            throw malformed(what, e);
        }
    }

    @Override
    public String toString() {
        return "LndInvoiceBackend[" + http.baseUrl() + ", macaroon redacted]";
    }

    /** Configures an {@link LndInvoiceBackend}; see {@link BackendSettings} for the defaults. */
    public static final class Builder extends BackendSettings<Builder> {
        private final URI base;
        private final Path tlsCert;
        private final Path macaroon;

        private Builder(String restAddress, Path tlsCert, Path macaroon) {
            Objects.requireNonNull(restAddress, "restAddress");
            this.base = URI.create("https://" + restAddress.strip());
            if (base.getHost() == null || base.getPort() <= 0 || !base.getRawPath().isEmpty()) {
                throw new IllegalArgumentException("lnd's REST address must be host:port, not '" + restAddress + "'");
            }
            this.tlsCert = Objects.requireNonNull(tlsCert, "tlsCert");
            this.macaroon = Objects.requireNonNull(macaroon, "macaroon");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @throws IOException if the certificate or macaroon file cannot be read
         * @throws IllegalArgumentException if either is not what it should be
         */
        public LndInvoiceBackend build() throws IOException {
            NodeCredential credential = NodeCredential.of("Grpc-Metadata-macaroon", Macaroons.hexFromFile(macaroon),
                    "macaroon");
            NodeHttp http = configure(NodeHttp.builder(base, credential, LndDialect.INSTANCE))
                    .trustCertificate(tlsCert)
                    .build();
            return new LndInvoiceBackend(this, http);
        }
    }
}
