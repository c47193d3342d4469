package dev.turnpike.client.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.io.PrivateFiles;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.nodes.fake.FakeCln;
import dev.turnpike.nodes.fake.FakeInvoice;
import dev.turnpike.nodes.fake.FakeInvoiceBook;
import dev.turnpike.nodes.fake.Tamper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClnPayer} against {@link FakeCln}'s pay and listpays on loopback HTTPS. */
class ClnPayerContractTest {

    private static final PaymentLimits LIMITS = new PaymentLimits(1_000_000, 10_000);

    @TempDir
    Path dir;

    private FakeCln cln;
    private ClnPayer payer;

    @BeforeEach
    void start() throws IOException {
        cln = new FakeCln(dir, Network.REGTEST);
        payer = payer(cln.runeFile(), Duration.ofSeconds(5));
    }

    private ClnPayer payer(Path rune, Duration paymentTimeout) throws IOException {
        return ClnPayer.builder(cln.url(), cln.certificateFile(), rune)
                .paymentTimeout(paymentTimeout)
                .requestTimeout(Duration.ofSeconds(1))
                .build();
    }

    @AfterEach
    void stop() {
        cln.close();
    }

    private FakeInvoice invoice(long msat) {
        return cln.invoices().issue(msat, "L402", 600, "l-" + msat + "-" + System.nanoTime(), Tamper.NONE);
    }

    @Test
    void paysReportsTheFeeAndPayingAgainReturnsTheFirstResult() throws Exception {
        FakeInvoice invoice = invoice(40_000);
        cln.payments().routingFeeMsat(321);

        PaymentResult first = payer.pay(invoice.bolt11(), LIMITS);
        PaymentResult again = payer.pay(invoice.bolt11(), LIMITS);

        assertThat(first.preimage().matches(invoice.paymentHash())).isTrue();
        assertThat(first.feeMsat()).isEqualTo(321);
        assertThat(again.preimage()).isEqualTo(first.preimage());
        assertThat(cln.payments().sentCount()).isEqualTo(1);
        assertThat(payer.status(invoice.paymentHash())).get().isInstanceOf(PaymentStatus.Succeeded.class);
    }

    @Test
    void refusesAboveTheAmountLimitAndClnRefusesAboveTheFeeLimit() {
        assertThatThrownBy(() -> payer.pay(invoice(2_000_000).bolt11(), LIMITS))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.AMOUNT_LIMIT_EXCEEDED));
        cln.payments().routingFeeMsat(20_000);
        assertThatThrownBy(() -> payer.pay(invoice(1_000).bolt11(), LIMITS))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.UNREACHABLE_PAYEE))
                .hasMessageContaining("Ran out of routes");
        assertThat(cln.payments().sentCount()).isZero();
    }

    @Test
    void anInvoiceTheDestinationDoesNotKnowIsRefused() throws Exception {
        FakeInvoice unknown = new FakeInvoiceBook(Network.REGTEST).issue(1_000, "x", 600, null, Tamper.NONE);

        assertThatThrownBy(() -> payer.pay(unknown.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.UNKNOWN_INVOICE));
        assertThat(payer.status(unknown.paymentHash())).get().isInstanceOf(PaymentStatus.Failed.class);
        assertThat(payer.status(PaymentHash.of(new byte[32]))).isEmpty();
    }

    @Test
    void aPaymentThatOutlastsTheCallIsFoundByHashAndNeverSentTwice() throws Exception {
        FakeInvoice invoice = invoice(40_000);
        ClnPayer impatient = payer(cln.runeFile(), Duration.ofSeconds(1));
        cln.payments().hold();

        assertThatThrownBy(() -> impatient.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PayerUnavailableException.class, e -> assertThat(e.mayHaveBeenMade()).isTrue());
        assertThat(payer.status(invoice.paymentHash())).get().isInstanceOf(PaymentStatus.InFlight.class);
        assertThatThrownBy(() -> payer.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PayerUnavailableException.class, e -> assertThat(e.mayHaveBeenMade()).isTrue())
                .hasMessageContaining("already in progress");

        cln.payments().release();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        PaymentStatus status = payer.status(invoice.paymentHash()).orElseThrow();
        while (status instanceof PaymentStatus.InFlight && System.nanoTime() < deadline) {
            status = payer.status(invoice.paymentHash()).orElseThrow();
        }
        assertThat(status).isInstanceOf(PaymentStatus.Succeeded.class);
        assertThat(cln.payments().sentCount()).isEqualTo(1);
    }

    @Test
    void aWrongRuneIsAWalletAuthenticationFailureWithoutTheRune() throws Exception {
        Path wrong = dir.resolve("wrong.rune");
        PrivateFiles.writeAtomically(wrong, "secret-rune-xyz".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> payer(wrong, Duration.ofSeconds(5)).pay(invoice(1000).bolt11(), LIMITS))
                .isInstanceOfSatisfying(WalletAuthenticationException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("Core Lightning refused the rune")
                .hasMessageNotContaining("secret-rune-xyz");
    }

    @Test
    void malformedJsonLeavesTheOutcomeUnknown() {
        cln.malformedJson(true);

        assertThatThrownBy(() -> payer.pay(invoice(1000).bolt11(), LIMITS))
                .isInstanceOfSatisfying(PayerUnavailableException.class, e -> assertThat(e.mayHaveBeenMade()).isTrue())
                .hasMessageContaining("not JSON");
    }
}
