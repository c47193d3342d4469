package dev.turnpike.gateway.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.l402.Invoice;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.StoreException;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.PrivateKey;
import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.InvoiceBackend;
import dev.turnpike.lightning.node.InvoiceListener;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.Subscription;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvoiceChallengerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PrivateKey KEY = PrivateKey.generate(RANDOM);

    @Test
    void returnsTheNodesInvoiceWithItsPaymentHash() throws Exception {
        try (EmbeddedNode node = EmbeddedNode.builder().build()) {
            Invoice invoice = new InvoiceChallenger(node, Duration.ofMinutes(10)).newInvoice(Price.sats(10), "memo");
            Bolt11Invoice decoded = Bolt11Invoice.decode(invoice.bolt11());
            assertThat(decoded.amountMsat()).hasValue(10_000);
            assertThat(decoded.expirySeconds()).isEqualTo(600);
            assertThat(decoded.description()).hasValue("memo");
            assertThat(invoice.paymentHash().toHex()).isEqualTo(decoded.paymentHash().toHex());
        }
    }

    @Test
    void refusesAnInvoiceWhoseHashIsNotTheOneReported() {
        PaymentHash reported = PaymentHash.of(bytes(32));
        InvoiceBackend lying = backend(req -> invoice(req, bolt11(PaymentHash.of(bytes(32)), req.amountMsat()), reported));
        assertThatThrownBy(() -> new InvoiceChallenger(lying, Duration.ofMinutes(1)).newInvoice(Price.sats(1), "m"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("another payment hash");
    }

    @Test
    void refusesAnInvoiceForAnotherAmount() {
        PaymentHash hash = PaymentHash.of(bytes(32));
        InvoiceBackend lying = backend(req -> invoice(req, bolt11(hash, req.amountMsat() + 1), hash));
        assertThatThrownBy(() -> new InvoiceChallenger(lying, Duration.ofMinutes(1)).newInvoice(Price.sats(1), "m"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("1001 msat");
    }

    @Test
    void refusesAnInvoiceThatDoesNotDecode() {
        PaymentHash hash = PaymentHash.of(bytes(32));
        InvoiceBackend broken = backend(req -> invoice(req, "lnbcrt1garbage", hash));
        assertThatThrownBy(() -> new InvoiceChallenger(broken, Duration.ofMinutes(1)).newInvoice(Price.sats(1), "m"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("invalid invoice");
    }

    @Test
    void anUnreachableBackendIsAStoreFailure() {
        InvoiceBackend unavailable = backend(req -> {
            throw new BackendUnavailableException("connection refused", null);
        });
        assertThatThrownBy(() -> new InvoiceChallenger(unavailable, Duration.ofMinutes(1)).newInvoice(Price.sats(1), "m"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("connection refused")
                .hasCauseInstanceOf(BackendUnavailableException.class);
    }

    /** How the fake backend answers {@code createInvoice}. */
    interface Creation {
        dev.turnpike.lightning.node.Invoice create(InvoiceRequest request) throws LightningException;
    }

    private static InvoiceBackend backend(Creation creation) {
        return new InvoiceBackend() {
            @Override
            public dev.turnpike.lightning.node.Invoice createInvoice(InvoiceRequest request)
                    throws LightningException {
                return creation.create(request);
            }

            @Override
            public Optional<dev.turnpike.lightning.node.Invoice> lookup(PaymentHash paymentHash) {
                return Optional.empty();
            }

            @Override
            public Subscription subscribe(InvoiceListener listener) {
                return () -> {};
            }
        };
    }

    private static dev.turnpike.lightning.node.Invoice invoice(InvoiceRequest req, String bolt11, PaymentHash hash) {
        Instant now = Instant.now();
        return new dev.turnpike.lightning.node.Invoice(
                bolt11, hash, req.amountMsat(), now, now.plus(req.expiry()), InvoiceState.OPEN);
    }

    private static String bolt11(PaymentHash hash, long amountMsat) {
        return Bolt11Invoice.builder(Network.REGTEST)
                .amountMsat(amountMsat)
                .timestamp(Instant.now())
                .paymentHash(hash)
                .paymentSecret(bytes(32))
                .description("m")
                .sign(KEY)
                .encoded();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
