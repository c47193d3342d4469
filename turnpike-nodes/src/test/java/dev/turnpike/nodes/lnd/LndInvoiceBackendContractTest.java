package dev.turnpike.nodes.lnd;

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
import dev.turnpike.nodes.fake.FakeLnd;
import dev.turnpike.nodes.fake.Tamper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LndInvoiceBackend} against {@link FakeLnd}, lnd's REST API on loopback HTTPS. */
class LndInvoiceBackendContractTest {

    private static final InvoiceRequest REQUEST = new InvoiceRequest(21_000, "L402", Duration.ofMinutes(10));

    @TempDir
    Path dir;

    private FakeLnd lnd;
    private LndInvoiceBackend backend;
    private final BlockingQueue<Invoice> updates = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        lnd = new FakeLnd(dir, Network.REGTEST);
        backend = backend(lnd.certificateFile(), lnd.macaroonFile());
    }

    private LndInvoiceBackend backend(Path cert, Path macaroon) throws IOException {
        return LndInvoiceBackend.builder(lnd.address(), cert, macaroon)
                .network(Network.REGTEST)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .build();
    }

    @AfterEach
    void stop() {
        backend.close();
        lnd.close();
    }

    @Test
    void createsAnInvoiceItReadsBackFromTheBolt11() throws Exception {
        Invoice invoice = backend.createInvoice(REQUEST);

        assertThat(invoice.amountMsat()).isEqualTo(21_000);
        assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN);
        assertThat(invoice.bolt11()).startsWith("lnbcrt");
        assertThat(invoice.expiresAt()).isEqualTo(invoice.createdAt().plusSeconds(600));
        assertThat(lnd.invoices().get(invoice.paymentHash())).isPresent();
        assertThat(backend.health().status()).isEqualTo(NodeHealth.Status.UP);
    }

    @Test
    void looksUpAnInvoiceByItsHashInItsCurrentState() throws Exception {
        Invoice invoice = backend.createInvoice(REQUEST);
        assertThat(backend.lookup(invoice.paymentHash())).get().extracting(Invoice::state).isEqualTo(InvoiceState.OPEN);

        lnd.settle(invoice.paymentHash());

        Invoice settled = backend.lookup(invoice.paymentHash()).orElseThrow();
        assertThat(settled.state()).isEqualTo(InvoiceState.SETTLED);
        assertThat(settled.amountMsat()).isEqualTo(21_000);
    }

    @Test
    void anInvoiceLndDoesNotKnowIsEmpty() throws Exception {
        assertThat(backend.lookup(PaymentHash.of(new byte[32]))).isEmpty();
    }

    @Test
    void learnsOfSettlementsFromTheInvoiceStream() throws Exception {
        backend.subscribe(updates::add);
        Invoice invoice = backend.createInvoice(REQUEST);

        lnd.settle(invoice.paymentHash());

        Invoice update = updates.poll(10, TimeUnit.SECONDS);
        assertThat(update).isNotNull();
        assertThat(update.paymentHash()).isEqualTo(invoice.paymentHash());
        assertThat(update.state()).isEqualTo(InvoiceState.SETTLED);
        assertThat(updates.poll(200, TimeUnit.MILLISECONDS)).as("one update per change").isNull();
    }

    @Test
    void aSettlementWhileTheNodeWasUnreachableIsLearnedAfterReconnectingFromTheLastSettleIndex() throws Exception {
        backend.subscribe(updates::add);
        Invoice first = backend.createInvoice(REQUEST);
        lnd.settle(first.paymentHash());
        assertThat(updates.poll(10, TimeUnit.SECONDS)).extracting(Invoice::paymentHash).isEqualTo(first.paymentHash());
        Invoice second = backend.createInvoice(REQUEST);

        lnd.goOffline();
        lnd.settle(second.paymentHash());
        awaitDown();
        lnd.goOnline();

        Invoice update = updates.poll(10, TimeUnit.SECONDS);
        assertThat(update).isNotNull();
        assertThat(update.paymentHash()).isEqualTo(second.paymentHash());
        assertThat(update.state()).isEqualTo(InvoiceState.SETTLED);
        assertThat(lnd.lastSubscribedSettleIndex()).as("resumed after the settle index seen").isEqualTo(1);
    }

    @Test
    void aSettlementWhileTheStreamWasCutMidLineIsLearnedBeforeAnySettleIndexWasSeen() throws Exception {
        backend.subscribe(updates::add);
        assertThat(lnd.awaitSubscribers(1, Duration.ofSeconds(10))).isTrue();
        Invoice invoice = backend.createInvoice(REQUEST);

        lnd.goOffline(); // cuts the stream in the middle of a line, then refuses connections
        lnd.settle(invoice.paymentHash());
        lnd.goOnline();

        Invoice update = updates.poll(10, TimeUnit.SECONDS);
        assertThat(update).isNotNull();
        assertThat(update.state()).isEqualTo(InvoiceState.SETTLED);
    }

    @Test
    void theStreamIsReopenedAfterACutAndKeepsDelivering() throws Exception {
        backend.subscribe(updates::add);
        assertThat(lnd.awaitSubscribers(1, Duration.ofSeconds(10))).isTrue();
        Invoice invoice = backend.createInvoice(REQUEST);

        lnd.cutStreams();
        assertThat(lnd.awaitSubscribers(1, Duration.ofSeconds(10))).isTrue();
        lnd.settle(invoice.paymentHash());

        assertThat(updates.poll(10, TimeUnit.SECONDS)).extracting(Invoice::state).isEqualTo(InvoiceState.SETTLED);
    }

    @Test
    void aMacaroonFileOtherUsersMayReadIsRefused() throws Exception {
        Path open = dir.resolve("open.macaroon");
        PrivateFiles.writeAtomically(open, new byte[] {1, 2, 3, 4});
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> backend(lnd.certificateFile(), open)).isInstanceOf(IOException.class)
                .hasMessage("the macaroon file " + open + " is open to other users (rw-r--r--): chmod 600 " + open);
    }

    @Test
    void aWrongMacaroonIsReportedAsSuchWithoutTheMacaroon() throws Exception {
        Path other = dir.resolve("other.macaroon");
        PrivateFiles.writeAtomically(other, new byte[] {1, 2, 3, 4});
        String otherHex = HexFormat.of().formatHex(Files.readAllBytes(lnd.macaroonFile()));
        try (LndInvoiceBackend wrong = backend(lnd.certificateFile(), other)) {
            assertThatThrownBy(() -> wrong.createInvoice(REQUEST))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("lnd refused the macaroon (HTTP 500")
                    .hasMessageContaining("verification failed")
                    .hasMessageNotContaining("01020304")
                    .hasMessageNotContaining(otherHex);
            assertThat(wrong.health().status()).isEqualTo(NodeHealth.Status.DOWN);
            assertThat(wrong.health().reason()).isEqualTo("lnd refused the macaroon");
        }
    }

    @Test
    void aMacaroonLndStopsAcceptingMakesTheNodeDown() throws Exception {
        backend.createInvoice(REQUEST);
        lnd.failAuth(true);

        assertThatThrownBy(() -> backend.lookup(PaymentHash.of(new byte[32])))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("refused the macaroon");
        assertThat(backend.health().status()).isEqualTo(NodeHealth.Status.DOWN);
    }

    @Test
    void malformedJsonIsABackendFailure() {
        lnd.malformedJson(true);

        assertThatThrownBy(() -> backend.createInvoice(REQUEST))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void anInvoiceWithAnotherPaymentHashIsRefused() {
        lnd.tamper(Tamper.WRONG_HASH);

        assertThatThrownBy(() -> backend.createInvoice(REQUEST))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("payment hash");
    }

    @Test
    void anInvoiceForAnotherAmountIsRefused() {
        lnd.tamper(Tamper.WRONG_AMOUNT);

        assertThatThrownBy(() -> backend.createInvoice(REQUEST))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("22000 msat when 21000 msat was asked");
    }

    @Test
    void anInvoiceForAnotherNetworkIsRefused() {
        lnd.tamper(Tamper.WRONG_NETWORK);

        assertThatThrownBy(() -> backend.createInvoice(REQUEST))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("TESTNET")
                .hasMessageContaining("REGTEST");
    }

    @Test
    void anUnreachableNodeIsABackendFailureAndMarkedDown() {
        lnd.goOffline();

        assertThatThrownBy(() -> backend.createInvoice(REQUEST))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("connection refused");
        assertThat(backend.health().status()).isEqualTo(NodeHealth.Status.DOWN);
    }

    @Test
    void trustsOnlyTheGivenCertificate() throws Exception {
        Path strangerDir = Files.createDirectories(dir.resolve("stranger"));
        try (FakeLnd stranger = new FakeLnd(strangerDir, Network.REGTEST);
                LndInvoiceBackend pinnedElsewhere = backend(stranger.certificateFile(), lnd.macaroonFile())) {
            assertThatThrownBy(() -> pinnedElsewhere.createInvoice(REQUEST))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("TLS");
        }
    }

    private void awaitDown() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (backend.health().status() != NodeHealth.Status.DOWN && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(backend.health().status()).isEqualTo(NodeHealth.Status.DOWN);
    }
}
