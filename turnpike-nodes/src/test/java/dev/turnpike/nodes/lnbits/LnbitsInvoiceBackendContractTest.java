package dev.turnpike.nodes.lnbits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.lightning.node.NodeHealth;
import dev.turnpike.nodes.fake.FakeLnbits;
import dev.turnpike.nodes.fake.Tamper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LnbitsInvoiceBackend} against {@link FakeLnbits}, LNbits' wallet API on loopback HTTPS. */
class LnbitsInvoiceBackendContractTest {

    private static final InvoiceRequest REQUEST = new InvoiceRequest(3_000, "L402", Duration.ofMinutes(10));

    @TempDir
    Path dir;

    private FakeLnbits lnbits;
    private LnbitsInvoiceBackend backend;
    private final BlockingQueue<Invoice> updates = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        lnbits = new FakeLnbits(dir, Network.REGTEST);
        backend = backend(lnbits.invoiceKey());
    }

    private LnbitsInvoiceBackend backend(String key) throws IOException {
        return LnbitsInvoiceBackend.builder(lnbits.url(), key)
                .trustCertificate(lnbits.certificateFile())
                .network(Network.REGTEST)
                .pollInterval(Duration.ofMillis(20))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .build();
    }

    @AfterEach
    void stop() {
        backend.close();
        lnbits.close();
    }

    @Test
    void createsAndLooksUpInvoicesInWholeSatoshis() throws Exception {
        Invoice invoice = backend.createInvoice(REQUEST);
        assertThat(invoice.amountMsat()).isEqualTo(3_000);
        assertThat(backend.lookup(invoice.paymentHash())).get().extracting(Invoice::state).isEqualTo(InvoiceState.OPEN);

        lnbits.settle(invoice.paymentHash());

        assertThat(backend.lookup(invoice.paymentHash())).get().extracting(Invoice::state)
                .isEqualTo(InvoiceState.SETTLED);
        assertThat(backend.lookup(PaymentHash.of(new byte[32]))).isEmpty();
    }

    @Test
    void refusesAnAmountThatIsNotAWholeNumberOfSatoshisBeforeAskingLnbits() {
        assertThatThrownBy(() -> backend.createInvoice(new InvoiceRequest(3_001, "L402", Duration.ofMinutes(1))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("whole satoshis");
        assertThat(lnbits.invoices().lastSettleIndex()).isZero();
        assertThat(backend.health().status()).isEqualTo(NodeHealth.Status.UNKNOWN);
    }

    @Test
    void learnsOfSettlementsByPollingIncludingThoseMadeWhileUnreachable() throws Exception {
        backend.subscribe(updates::add);
        Invoice invoice = backend.createInvoice(REQUEST);

        lnbits.goOffline();
        lnbits.settle(invoice.paymentHash());
        lnbits.goOnline();

        Invoice update = updates.poll(10, TimeUnit.SECONDS);
        assertThat(update).isNotNull();
        assertThat(update.state()).isEqualTo(InvoiceState.SETTLED);
        assertThat(updates.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aKeyLnbitsDoesNotKnowIsAnAuthenticationFailure() throws Exception {
        try (LnbitsInvoiceBackend wrong = backend("0123456789abcdef")) {
            assertThatThrownBy(() -> wrong.createInvoice(REQUEST))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("LNbits refused the LNbits invoice key (HTTP 404")
                    .hasMessageContaining("Wallet not found.")
                    .hasMessageNotContaining("0123456789abcdef");
        }
    }

    @Test
    void malformedJsonAndTamperedInvoicesAreRefused() {
        lnbits.malformedJson(true);
        assertThatThrownBy(() -> backend.createInvoice(REQUEST)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("not JSON");
        lnbits.malformedJson(false);
        lnbits.tamper(Tamper.WRONG_HASH);
        assertThatThrownBy(() -> backend.createInvoice(REQUEST)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("payment hash");
    }
}
