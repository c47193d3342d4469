package dev.turnpike.nodes.lnbits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.nodes.backend.BackendSettings;
import dev.turnpike.nodes.backend.IssuedInvoices;
import dev.turnpike.nodes.backend.RemoteInvoiceBackend;
import dev.turnpike.nodes.backend.SettlementWatcher;
import dev.turnpike.nodes.http.BoundedJson;
import dev.turnpike.nodes.http.Durations;
import dev.turnpike.nodes.http.NodeCallException;
import dev.turnpike.nodes.http.NodeCredential;
import dev.turnpike.nodes.http.NodeHttp;
import dev.turnpike.nodes.http.NodeResponse;
import dev.turnpike.nodes.http.Texts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Invoices from an LNbits wallet over its HTTP API (LNbits' OpenAPI: {@code lnbits/core/views/payment_api.py}), with
 * the wallet's <b>invoice key</b> in {@code X-Api-Key}: it can create and read invoices, never spend.
 *
 * <table>
 *   <caption>Endpoints used</caption>
 *   <tr><td>{@code POST /api/v1/payments} {@code {"out": false, "amount": sats, "unit": "sat", "memo", "expiry"}}</td>
 *       <td>201 {@code {"payment_hash", "payment_request"}} (LNbits 1.x: the {@code Payment}, with {@code bolt11})</td></tr>
 *   <tr><td>{@code GET /api/v1/payments/{payment_hash}}</td>
 *       <td>{@code {"paid", "status", "preimage", "details": Payment}}; 404 "Payment does not exist."</td></tr>
 *   <tr><td>{@code GET /api/v1/wallet}</td><td>the wallet; used as the heartbeat of the polling loop</td></tr>
 * </table>
 *
 * <p>LNbits invoices whole satoshis: an amount that is not one is refused ({@link InvalidRequestException}) before
 * LNbits is asked. Settlements are learned by <b>polling</b>: every poll interval (2 s by default) the open invoices
 * this backend made are looked up. LNbits' own push channels (a websocket per wallet, and in some versions an SSE
 * stream) differ between versions, so polling, which every version answers the same way, is used.
 */
public final class LnbitsInvoiceBackend extends RemoteInvoiceBackend {

    private final Duration pollInterval;

    private LnbitsInvoiceBackend(Builder b, NodeHttp http) {
        super(b, http, "lnbits-invoice-poll");
        this.pollInterval = b.pollInterval;
    }

    /**
     * @param baseUrl LNbits' URL, e.g. {@code https://lnbits.example.com} (https, or http to loopback)
     * @param invoiceKey the wallet's invoice key ("Invoice/read key")
     */
    public static Builder builder(URI baseUrl, String invoiceKey) {
        return new Builder(baseUrl, invoiceKey);
    }

    @Override
    protected Invoice create(InvoiceRequest request) throws NodeCallException, InvalidRequestException {
        if (request.amountMsat() % 1000 != 0) {
            throw new InvalidRequestException("LNbits invoices whole satoshis only; " + request.amountMsat()
                    + " msat is not a whole number of satoshis");
        }
        JsonNode body = BoundedJson.object()
                .put("out", false)
                .put("amount", request.amountMsat() / 1000)
                .put("unit", "sat")
                .put("memo", request.memo())
                .put("expiry", request.expiry().toSeconds());
        JsonNode answer = http.postJson("/api/v1/payments", body, "creating an invoice");
        JsonNode bolt11 = answer.path("payment_request").isTextual() ? answer.get("payment_request")
                : answer.path("bolt11");
        try {
            if (!bolt11.isTextual()) {
                throw new IllegalArgumentException("'payment_request' is missing");
            }
            PaymentHash reported = PaymentHash.fromHex(answer.path("payment_hash").asText(""));
            return IssuedInvoices.verify(http, bolt11.asText(), request, network, reported);
        } catch (IllegalArgumentException e) {
            throw malformed("creating an invoice", e);
        }
    }

    @Override
    protected Optional<Invoice> find(PaymentHash paymentHash) throws NodeCallException {
        String what = "looking up invoice " + paymentHash;
        NodeResponse response = http.get("/api/v1/payments/" + paymentHash.toHex());
        if (response.status() == 404 && !LnbitsDialect.INSTANCE.isWalletNotFound(response)) {
            return Optional.empty();
        }
        JsonNode answer = http.expectJson(response, what);
        try {
            JsonNode details = answer.path("details");
            Bolt11Invoice decoded = Bolt11Invoice.decode(details.path("bolt11").asText(""));
            if (!decoded.paymentHash().equals(paymentHash)) {
                throw new IllegalArgumentException("'details.bolt11' is for another payment hash");
            }
            if (!answer.path("paid").isBoolean()) {
                throw new IllegalArgumentException("'paid' is missing");
            }
            InvoiceState state;
            if (answer.get("paid").asBoolean()) {
                state = InvoiceState.SETTLED;
            } else if ("failed".equals(answer.path("status").asText(details.path("status").asText("")))) {
                state = clock.instant().isBefore(decoded.expiresAt()) ? InvoiceState.CANCELLED : InvoiceState.EXPIRED;
            } else {
                state = IssuedInvoices.effective(InvoiceState.OPEN, decoded.expiresAt(), clock.instant());
            }
            return Optional.of(new Invoice(decoded.encoded(), paymentHash, decoded.amountMsat().orElse(0),
                    decoded.timestamp(), decoded.expiresAt(), state));
        } catch (Bolt11Exception e) {
            throw malformed(what, new IllegalArgumentException("'details.bolt11' is not BOLT #11: "
                    + Texts.describe(e)));
        } catch (IllegalArgumentException e) {
            throw malformed(what, e);
        }
    }

    @Override
    protected void watch(SettlementWatcher.Control control) throws Exception {
        do {
            http.getJson("/api/v1/wallet", "the wallet heartbeat");
            control.connected();
            invoices.catchUp(this::lookup);
        } while (control.pause(pollInterval));
    }

    @Override
    public String toString() {
        return "LnbitsInvoiceBackend[" + http.baseUrl() + ", key redacted]";
    }

    /** Configures an {@link LnbitsInvoiceBackend}; see {@link BackendSettings} for the defaults. */
    public static final class Builder extends BackendSettings<Builder> {
        private final URI baseUrl;
        private final String invoiceKey;
        private Duration pollInterval = Duration.ofSeconds(2);
        private Path certificate;

        private Builder(URI baseUrl, String invoiceKey) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            this.invoiceKey = Objects.requireNonNull(invoiceKey, "invoiceKey");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** How often open invoices are looked up; 2 s by default. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Durations.positive(interval, "the poll interval");
            return this;
        }

        /** Trust exactly this PEM certificate instead of the system's authorities (a self-hosted LNbits). */
        public Builder trustCertificate(Path pemFile) {
            this.certificate = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        /** @throws IOException if the certificate file given cannot be read */
        public LnbitsInvoiceBackend build() throws IOException {
            NodeHttp.Builder http = configure(NodeHttp.builder(baseUrl,
                    NodeCredential.of("X-Api-Key", invoiceKey, "LNbits invoice key"), LnbitsDialect.INSTANCE));
            if (certificate != null) {
                http.trustCertificate(certificate);
            }
            return new LnbitsInvoiceBackend(this, http.build());
        }
    }
}
