package dev.turnpike.nodes.cln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.io.PrivateFiles;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.lightning.node.NodeHealth;
import dev.turnpike.nodes.fake.FakeCln;
import dev.turnpike.nodes.fake.FakeInvoice;
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

/** {@link ClnInvoiceBackend} against {@link FakeCln}, clnrest on loopback HTTPS. */
class ClnInvoiceBackendContractTest {

    private static final InvoiceRequest REQUEST = new InvoiceRequest(5_500, "L402", Duration.ofMinutes(10));

    @TempDir
    Path dir;

    private FakeCln cln;
    private ClnInvoiceBackend backend;
    private final BlockingQueue<Invoice> updates = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        cln = new FakeCln(dir, Network.REGTEST);
        backend = backend(cln.runeFile());
    }

    private ClnInvoiceBackend backend(Path rune) throws IOException {
        return ClnInvoiceBackend.builder(cln.url(), Runes.fromFile(rune)).trustCertificate(cln.certificateFile())
                .network(Network.REGTEST)
                .waitTimeout(Duration.ofSeconds(1))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .build();
    }

    @AfterEach
    void stop() {
        backend.close();
        cln.close();
    }

    @Test
    void createsLooksUpAndSeesSettledInvoices() throws Exception {
        Invoice invoice = backend.createInvoice(REQUEST);
        assertThat(invoice.amountMsat()).isEqualTo(5_500);
        assertThat(backend.lookup(invoice.paymentHash())).get().extracting(Invoice::state).isEqualTo(InvoiceState.OPEN);

        cln.settle(invoice.paymentHash());

        assertThat(backend.lookup(invoice.paymentHash())).get().extracting(Invoice::state)
                .isEqualTo(InvoiceState.SETTLED);
        assertThat(backend.lookup(PaymentHash.of(new byte[32]))).isEmpty();
    }

    @Test
    void learnsOfSettlementsByWaitanyinvoiceWithoutReplayingOldPayments() throws Exception {
        for (int i = 0; i < 5; i++) { // paid before the backend started: not to be replayed
            FakeInvoice old = cln.invoices().issue(1000, "old", 600, "old-" + i, Tamper.NONE);
            cln.settle(old.paymentHash());
        }
        backend.subscribe(updates::add);
        Invoice invoice = backend.createInvoice(REQUEST);

        cln.settle(invoice.paymentHash());

        Invoice update = updates.poll(10, TimeUnit.SECONDS);
        assertThat(update).isNotNull();
        assertThat(update.paymentHash()).isEqualTo(invoice.paymentHash());
        assertThat(update.state()).isEqualTo(InvoiceState.SETTLED);
        assertThat(updates.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aSettlementWhileTheNodeWasUnreachableIsLearnedAfterReconnecting() throws Exception {
        backend.subscribe(updates::add);
        Invoice invoice = backend.createInvoice(REQUEST);

        cln.goOffline();
        cln.settle(invoice.paymentHash());
        cln.goOnline();

        Invoice update = updates.poll(10, TimeUnit.SECONDS);
        assertThat(update).isNotNull();
        assertThat(update.state()).isEqualTo(InvoiceState.SETTLED);
    }

    @Test
    void aRuneClnrestRefusesIsReportedWithoutTheRune() throws Exception {
        Path wrong = dir.resolve("wrong.rune");
        PrivateFiles.writeAtomically(wrong, "not-the-rune-abc".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (ClnInvoiceBackend refused = backend(wrong)) {
            assertThatThrownBy(() -> refused.createInvoice(REQUEST))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("Core Lightning refused the rune (HTTP 401")
                    .hasMessageContaining("Not authorized")
                    .hasMessageNotContaining("not-the-rune-abc");
            assertThat(refused.health().status()).isEqualTo(NodeHealth.Status.DOWN);
        }
    }

    @Test
    void malformedJsonAndTamperedInvoicesAreRefused() {
        cln.malformedJson(true);
        assertThatThrownBy(() -> backend.createInvoice(REQUEST)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("not JSON");
        cln.malformedJson(false);
        cln.tamper(Tamper.WRONG_HASH);
        assertThatThrownBy(() -> backend.createInvoice(REQUEST)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("payment hash");
        cln.tamper(Tamper.WRONG_AMOUNT);
        assertThatThrownBy(() -> backend.createInvoice(REQUEST)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("6500 msat when 5500 msat was asked");
        cln.tamper(Tamper.WRONG_NETWORK);
        assertThatThrownBy(() -> backend.createInvoice(REQUEST)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("TESTNET");
    }

    @Test
    void anUnreachableNodeIsABackendFailure() {
        cln.goOffline();

        assertThatThrownBy(() -> backend.lookup(PaymentHash.of(new byte[32])))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("connection refused");
        assertThat(backend.health().status()).isEqualTo(NodeHealth.Status.DOWN);
    }
}
