package dev.turnpike.nodes.cln;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.crypto.PaymentHash;
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
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Invoices from Core Lightning through clnrest (its REST plugin; methods of the JSON-RPC API as
 * {@code POST /v1/<method>}), authenticated by a {@code Rune} header, over TLS that trusts only clnrest's CA
 * certificate ({@code ca.pem}).
 *
 * <table>
 *   <caption>Endpoints used (Core Lightning's lightning-invoice(7), lightning-listinvoices(7),
 *   lightning-waitanyinvoice(7))</caption>
 *   <tr><td>{@code POST /v1/invoice} {@code {"amount_msat", "label", "description", "expiry"}}</td>
 *       <td>201 {@code {"payment_hash", "bolt11", "expires_at", "payment_secret", "created_index"}}</td></tr>
 *   <tr><td>{@code POST /v1/listinvoices} {@code {"payment_hash"}}</td>
 *       <td>201 {@code {"invoices": [{"bolt11", "payment_hash", "amount_msat", "status": "unpaid"|"paid"|"expired",
 *       "expires_at", "pay_index"…}]}}</td></tr>
 *   <tr><td>{@code POST /v1/waitanyinvoice} {@code {"lastpay_index", "timeout"}}</td>
 *       <td>201 the next invoice paid after {@code lastpay_index}; 500 code 904 when the timeout passed</td></tr>
 * </table>
 *
 * <p>Settlements are learned by long-polling {@code waitanyinvoice} on a background thread, each call resuming from
 * the last {@code pay_index} seen. On start the current highest {@code pay_index} is found by probing with
 * {@code timeout: 0} (a galloping search, about 2·log₂ n calls), so old payments are not replayed; invoices this
 * backend made and still watches are looked up after each (re)connect.
 */
public final class ClnInvoiceBackend extends RemoteInvoiceBackend {

    private final Duration waitTimeout;
    private long lastPayIndex = -1;

    private ClnInvoiceBackend(Builder b, NodeHttp http) {
        super(b, http, "cln-waitanyinvoice");
        this.waitTimeout = b.waitTimeout;
    }

    /**
     * @param restUrl clnrest's URL, e.g. {@code https://127.0.0.1:3010}
     * @param rune a rune for {@code invoice}, {@code listinvoices} and {@code waitanyinvoice} (e.g. read with
     *     {@link Runes#fromFile})
     */
    public static Builder builder(URI restUrl, String rune) {
        return new Builder(restUrl, rune);
    }

    @Override
    protected Invoice create(InvoiceRequest request) throws NodeCallException {
        byte[] label = new byte[16];
        for (int i = 0; i < label.length; i++) {
            label[i] = (byte) random.nextInt(256);
        }
        JsonNode body = BoundedJson.object()
                .put("amount_msat", request.amountMsat())
                .put("label", "turnpike-" + HexFormat.of().formatHex(label))
                .put("description", request.memo())
                .put("expiry", request.expiry().toSeconds());
        JsonNode answer = http.postJson("/v1/invoice", body, "creating an invoice");
        try {
            return IssuedInvoices.verify(http, text(answer, "bolt11"), request, network,
                    PaymentHash.fromHex(text(answer, "payment_hash")));
        } catch (IllegalArgumentException e) {
            throw malformed("creating an invoice", e);
        }
    }

    @Override
    protected Optional<Invoice> find(PaymentHash paymentHash) throws NodeCallException {
        String what = "looking up invoice " + paymentHash;
        JsonNode answer = http.postJson("/v1/listinvoices",
                BoundedJson.object().put("payment_hash", paymentHash.toHex()), what);
        JsonNode list = answer.path("invoices");
        if (!list.isArray()) {
            throw malformed(what, new IllegalArgumentException("'invoices' is missing"));
        }
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Invoice invoice = parse(list.get(0), what);
        if (!invoice.paymentHash().equals(paymentHash)) {
            throw http.failed("Core Lightning answered " + what + " with invoice " + invoice.paymentHash(), null);
        }
        return Optional.of(invoice);
    }

    @Override
    protected void watch(SettlementWatcher.Control control) throws Exception {
        if (lastPayIndex < 0) {
            lastPayIndex = highestPayIndex();
        }
        control.connected();
        invoices.catchUp(this::lookup);
        while (!control.isClosed()) {
            JsonNode body = BoundedJson.object()
                    .put("lastpay_index", lastPayIndex)
                    .put("timeout", waitTimeout.toSeconds());
            NodeResponse response = http.post("/v1/waitanyinvoice", body, waitTimeout.plus(http.requestTimeout()));
            if (isWaitTimeout(response)) {
                continue;
            }
            JsonNode paid = http.expectJson(response, "waiting for payments");
            Invoice invoice = parse(paid, "waiting for payments");
            lastPayIndex = Math.max(lastPayIndex, paid.path("pay_index").asLong(lastPayIndex));
            invoices.observed(invoice);
        }
    }

    /** The highest pay_index so far: waitanyinvoice with timeout 0 answers at once whether a higher one exists. */
    private long highestPayIndex() throws NodeCallException {
        if (!paidAfter(0)) {
            return 0;
        }
        long known = 1; // some invoice has pay_index >= known
        long beyond = 2;
        while (paidAfter(beyond - 1)) {
            known = beyond;
            beyond *= 2;
        }
        while (beyond - known > 1) { // highest is in [known, beyond)
            long middle = known + (beyond - known) / 2;
            if (paidAfter(middle - 1)) {
                known = middle;
            } else {
                beyond = middle;
            }
        }
        return known;
    }

    private boolean paidAfter(long index) throws NodeCallException {
        NodeResponse response = http.post("/v1/waitanyinvoice",
                BoundedJson.object().put("lastpay_index", index).put("timeout", 0));
        if (isWaitTimeout(response)) {
            return false;
        }
        http.expectJson(response, "probing the last payment");
        return true;
    }

    private static boolean isWaitTimeout(NodeResponse response) {
        return response.status() == 500 && ClnDialect.rpcCode(response) == ClnDialect.WAIT_TIMED_OUT;
    }

    /** One entry of {@code listinvoices} (also {@code waitanyinvoice}'s answer). */
    private Invoice parse(JsonNode json, String what) throws NodeCallException {
        try {
            String bolt11 = text(json, "bolt11");
            Bolt11Invoice decoded = Bolt11Invoice.decode(bolt11);
            PaymentHash hash = PaymentHash.fromHex(text(json, "payment_hash"));
            if (!decoded.paymentHash().equals(hash)) {
                throw new IllegalArgumentException("'bolt11' is not for 'payment_hash'");
            }
            Instant expires = Instant.ofEpochSecond(json.path("expires_at").asLong(decoded.expiresAt().getEpochSecond()));
            InvoiceState state = switch (text(json, "status")) {
                case "unpaid" -> InvoiceState.OPEN;
                case "paid" -> InvoiceState.SETTLED;
                case "expired" -> InvoiceState.EXPIRED;
                default -> throw new IllegalArgumentException("'status' is not an invoice status");
            };
            long amount = json.path("amount_msat").asLong(decoded.amountMsat().orElse(0));
            return new Invoice(bolt11, hash, amount, decoded.timestamp(), expires,
                    IssuedInvoices.effective(state, expires, clock.instant()));
        } catch (Bolt11Exception e) {
            throw malformed(what, new IllegalArgumentException("'bolt11' is not BOLT #11: " + Texts.describe(e)));
        } catch (IllegalArgumentException e) {
            throw malformed(what, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return "ClnInvoiceBackend[" + http.baseUrl() + ", rune redacted]";
    }

    /** Configures a {@link ClnInvoiceBackend}; see {@link BackendSettings} for the defaults. */
    public static final class Builder extends BackendSettings<Builder> {
        private final URI restUrl;
        private final String rune;
        private Path caCert;
        private Duration waitTimeout = Duration.ofSeconds(30);

        private Builder(URI restUrl, String rune) {
            this.restUrl = Objects.requireNonNull(restUrl, "restUrl");
            this.rune = Objects.requireNonNull(rune, "rune");
        }

        /**
         * Trust exactly this PEM certificate (clnrest's {@code ca.pem} in the network's lightning directory) instead
         * of the system's authorities.
         */
        public Builder trustCertificate(Path pemFile) {
            this.caCert = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** How long one {@code waitanyinvoice} long-poll lasts (whole seconds); 30 s by default. */
        public Builder waitTimeout(Duration timeout) {
            this.waitTimeout = Durations.wholeSeconds(timeout, "the wait timeout");
            return this;
        }

        /** @throws IOException if the certificate file given cannot be read */
        public ClnInvoiceBackend build() throws IOException {
            NodeHttp.Builder http = configure(NodeHttp.builder(restUrl, NodeCredential.of("Rune", rune, "rune"),
                    ClnDialect.INSTANCE));
            if (caCert != null) {
                http.trustCertificate(caCert);
            }
            return new ClnInvoiceBackend(this, http.build());
        }
    }
}
