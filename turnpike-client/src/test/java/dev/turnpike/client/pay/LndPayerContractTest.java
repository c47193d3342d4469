package dev.turnpike.client.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.io.PrivateFiles;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.nodes.fake.FakeInvoice;
import dev.turnpike.nodes.fake.FakeLnd;
import dev.turnpike.nodes.fake.Tamper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LndPayer} against {@link FakeLnd}'s router endpoints (router.swagger.json) on loopback HTTPS. */
class LndPayerContractTest {

    private static final PaymentLimits LIMITS = new PaymentLimits(1_000_000, 10_000);

    @TempDir
    Path dir;

    private FakeLnd lnd;
    private LndPayer payer;

    @BeforeEach
    void start() throws IOException {
        lnd = new FakeLnd(dir, Network.REGTEST);
        payer = payer(lnd.macaroonFile());
    }

    private LndPayer payer(Path macaroon) throws IOException {
        return LndPayer.builder(lnd.address(), lnd.certificateFile(), macaroon)
                .paymentTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void stop() {
        lnd.close();
    }

    private FakeInvoice invoice(long msat) {
        return lnd.invoices().issue(msat, "L402", 600, null, Tamper.NONE);
    }

    @Test
    void paysAndReturnsThePreimageAndTheRoutingFee() throws Exception {
        FakeInvoice invoice = invoice(50_000);
        lnd.payments().routingFeeMsat(1_234);

        PaymentResult result = payer.pay(invoice.bolt11(), LIMITS);

        assertThat(result.preimage().matches(invoice.paymentHash())).isTrue();
        assertThat(result.feeMsat()).isEqualTo(1_234);
        assertThat(payer.status(invoice.paymentHash())).get().isInstanceOfSatisfying(PaymentStatus.Succeeded.class,
                s -> assertThat(s.feeMsat()).isEqualTo(1_234));
    }

    @Test
    void refusesAnInvoiceAboveTheAmountLimitWithoutAskingLnd() {
        FakeInvoice invoice = invoice(2_000_000);

        assertThatThrownBy(() -> payer.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.AMOUNT_LIMIT_EXCEEDED));
        assertThat(lnd.payments().sentCount()).isZero();
    }

    @Test
    void lndRoutesWithinTheFeeLimitOrNotAtAll() {
        FakeInvoice invoice = invoice(50_000);
        lnd.payments().routingFeeMsat(10_001);

        assertThatThrownBy(() -> payer.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.UNREACHABLE_PAYEE))
                .hasMessageContaining("FAILURE_REASON_NO_ROUTE");
        assertThat(lnd.payments().sentCount()).isZero();
    }

    @Test
    void anInvoiceLndAlreadyPaidIsRefusedAsSuch() throws Exception {
        FakeInvoice invoice = invoice(50_000);
        payer.pay(invoice.bolt11(), LIMITS);

        assertThatThrownBy(() -> payer.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.INVOICE_ALREADY_PAID));
        assertThat(lnd.payments().sentCount()).isEqualTo(1);
    }

    @Test
    void aPaymentWhoseStreamIsCutIsFoundByHashAndNeverSentTwice() throws Exception {
        FakeInvoice invoice = invoice(50_000);
        lnd.payments().hold();
        CompletableFuture<PaymentResult> paying = CompletableFuture.supplyAsync(() -> {
            try {
                return payer.pay(invoice.bolt11(), LIMITS);
            } catch (PayerException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(awaitStatus(invoice.paymentHash())).isInstanceOf(PaymentStatus.InFlight.class);

        lnd.cutStreams();

        assertThatThrownBy(() -> paying.get(10, TimeUnit.SECONDS)).cause().cause()
                .isInstanceOfSatisfying(PayerUnavailableException.class, e -> assertThat(e.mayHaveBeenMade()).isTrue())
                .hasMessageContaining("cut in the middle of a line");
        assertThatThrownBy(() -> payer.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PayerUnavailableException.class, e -> assertThat(e.mayHaveBeenMade()).isTrue())
                .hasMessageContaining("payment is in transition");

        lnd.payments().release();

        PaymentStatus settled = awaitFinal(invoice.paymentHash());
        assertThat(settled).isInstanceOfSatisfying(PaymentStatus.Succeeded.class,
                s -> assertThat(s.preimage().matches(invoice.paymentHash())).isTrue());
        assertThat(lnd.payments().sentCount()).isEqualTo(1);
    }

    @Test
    void aPaymentLndNeverSawHasNoStatus() throws Exception {
        assertThat(payer.status(PaymentHash.of(new byte[32]))).isEmpty();
    }

    @Test
    void aFailedPaymentHasAFailedStatus() throws Exception {
        FakeInvoice unknown = new dev.turnpike.nodes.fake.FakeInvoiceBook(Network.REGTEST)
                .issue(50_000, "elsewhere", 600, null, Tamper.NONE);

        assertThatThrownBy(() -> payer.pay(unknown.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.UNKNOWN_INVOICE));
        assertThat(payer.status(unknown.paymentHash())).get().isInstanceOf(PaymentStatus.Failed.class);
    }

    @Test
    void aWrongMacaroonIsAWalletAuthenticationFailureWithoutTheMacaroon() throws Exception {
        Path other = dir.resolve("admin.macaroon");
        PrivateFiles.writeAtomically(other, new byte[] {(byte) 0xca, (byte) 0xfe});
        LndPayer wrong = payer(other);

        assertThatThrownBy(() -> wrong.pay(invoice(1000).bolt11(), LIMITS))
                .isInstanceOf(WalletAuthenticationException.class)
                .hasMessageContaining("lnd refused the macaroon")
                .hasMessageNotContaining("cafe")
                .hasMessageNotContaining(HexFormat.of().formatHex(Files.readAllBytes(lnd.macaroonFile())));
        assertThatThrownBy(() -> wrong.status(PaymentHash.of(new byte[32])))
                .isInstanceOf(WalletAuthenticationException.class);
    }

    @Test
    void anUnreachableLndCannotHaveReceivedThePayment() {
        FakeInvoice invoice = invoice(1000);
        lnd.goOffline();

        assertThatThrownBy(() -> payer.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PayerUnavailableException.class, e -> assertThat(e.mayHaveBeenMade()).isFalse())
                .hasMessageContaining("connection refused");
    }

    private PaymentStatus awaitStatus(PaymentHash hash) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Optional<PaymentStatus> status = payer.status(hash);
        while (status.isEmpty() && System.nanoTime() < deadline) {
            status = payer.status(hash);
        }
        return status.orElseThrow();
    }

    private PaymentStatus awaitFinal(PaymentHash hash) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        PaymentStatus status = awaitStatus(hash);
        while (status instanceof PaymentStatus.InFlight && System.nanoTime() < deadline) {
            status = awaitStatus(hash);
        }
        return status;
    }
}
