package dev.turnpike.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.client.pay.PayerUnavailableException;
import dev.turnpike.client.pay.PaymentRefusedException;
import dev.turnpike.client.pay.PaymentStatus;
import dev.turnpike.client.pay.WalletAuthenticationException;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LnbitsPayer} against a loopback server that implements LNbits' published wallet API. */
class LnbitsPayerLnbitsContractTest {

    private static final PaymentLimits LIMITS = new PaymentLimits(1_000_000, 10_000);

    private EmbeddedNode node;
    private LnbitsContractServer lnbits;
    private LnbitsContractServer.Wallet wallet;

    @BeforeEach
    void setUp() throws Exception {
        node = EmbeddedNode.builder().build();
        lnbits = new LnbitsContractServer(node, "/wallet-api");
        wallet = lnbits.createWallet("alice", 50_000);
    }

    @AfterEach
    void tearDown() {
        lnbits.close();
        node.close();
    }

    private LnbitsPayer payer(String key) {
        return LnbitsPayer.builder(lnbits.baseUrl(), key).build();
    }

    private Invoice invoice(long msat) throws Exception {
        return node.createInvoice(new InvoiceRequest(msat, "test", Duration.ofMinutes(10)));
    }

    @Test
    void paysAndReturnsTheProofThenReportsThePaymentAndTheBalance() throws Exception {
        Invoice invoice = invoice(10_000);
        LnbitsPayer payer = payer(wallet.adminKey());
        PaymentResult result = payer.pay(invoice.bolt11(), LIMITS);
        assertThat(result.paymentHash()).isEqualTo(invoice.paymentHash());
        assertThat(result.preimage().matches(invoice.paymentHash())).isTrue();
        assertThat(result.feeMsat()).isZero();
        assertThat(payer.status(invoice.paymentHash())).get().isInstanceOfSatisfying(PaymentStatus.Succeeded.class,
                s -> assertThat(s.preimage()).isEqualTo(result.preimage()));
        assertThat(payer.wallet()).isEqualTo(new LnbitsPayer.WalletBalance("alice", 40_000));
        assertThat(lnbits.paymentsMade.get()).isEqualTo(1);
    }

    @Test
    void theFeeIsReadFromThePayment() throws Exception {
        lnbits.reportedFeeMsat = 2_000;
        assertThat(payer(wallet.adminKey()).pay(invoice(10_000).bolt11(), LIMITS).feeMsat()).isEqualTo(2_000);
    }

    @Test
    void anOlderLnbitsWithoutPreimageInThePaymentAnswerIsAskedForTheStatus() throws Exception {
        lnbits.minimalPaymentResponses = true;
        Invoice invoice = invoice(10_000);
        PaymentResult result = payer(wallet.adminKey()).pay(invoice.bolt11(), LIMITS);
        assertThat(result.preimage().matches(invoice.paymentHash())).isTrue();
    }

    @Test
    void aPaymentStillPendingAfterTheSettleTimeoutHasAnUnknownOutcome() throws Exception {
        lnbits.minimalPaymentResponses = true;
        lnbits.pendingStatusAnswers.set(1_000);
        LnbitsPayer payer = LnbitsPayer.builder(lnbits.baseUrl(), wallet.adminKey())
                .settleTimeout(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(20)).build();
        Invoice invoice = invoice(10_000);
        assertThatThrownBy(() -> payer.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PayerUnavailableException.class, e -> assertThat(e.mayHaveBeenMade()).isTrue())
                .hasMessageContaining("still pending");
        assertThat(payer.status(invoice.paymentHash())).get().isInstanceOf(PaymentStatus.InFlight.class);
    }

    @Test
    void statusOfAnUnknownPaymentIsEmpty() throws Exception {
        assertThat(payer(wallet.adminKey()).status(PaymentHash.of(new byte[32]))).isEmpty();
    }

    @Test
    void anUnknownKeyIsAnAuthenticationError() throws Exception {
        Invoice invoice = invoice(10_000);
        assertThatThrownBy(() -> payer("tpk_" + "0".repeat(64)).pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(WalletAuthenticationException.class, e -> assertThat(e.httpStatus()).isEqualTo(404))
                .hasMessageContaining("Wallet not found.");
        assertThatThrownBy(() -> payer("nope").wallet()).isInstanceOf(WalletAuthenticationException.class);
        assertThat(lnbits.paymentsMade.get()).isZero();
    }

    @Test
    void anUnknownKeyOnAnOlderLnbitsIs401() throws Exception {
        lnbits.legacyAuthErrors = true;
        Invoice invoice = invoice(10_000);
        assertThatThrownBy(() -> payer("wrong-key").pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(WalletAuthenticationException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("Invalid key or expired key.");
    }

    @Test
    void theInvoiceKeyCannotPay() throws Exception {
        Invoice invoice = invoice(10_000);
        assertThatThrownBy(() -> payer(wallet.invoiceKey()).pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(WalletAuthenticationException.class, e -> assertThat(e.httpStatus()).isEqualTo(403))
                .hasMessageContaining("Invoice (or Admin) key required.");
        assertThat(payer(wallet.invoiceKey()).wallet().balanceMsat()).isEqualTo(50_000);
    }

    @Test
    void insufficientBalanceIsARefusalWithLnbitsWords() throws Exception {
        Invoice invoice = invoice(60_000);
        assertThatThrownBy(() -> payer(wallet.adminKey()).pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.INSUFFICIENT_BALANCE))
                .hasMessage("LNbits: HTTP 520: Insufficient balance.");
        assertThat(lnbits.balanceMsat(wallet)).isEqualTo(50_000);
    }

    @Test
    void payingTwiceIsRefusedAsAlreadyPaid() throws Exception {
        Invoice invoice = invoice(10_000);
        payer(wallet.adminKey()).pay(invoice.bolt11(), LIMITS);
        assertThatThrownBy(() -> payer(wallet.adminKey()).pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.INVOICE_ALREADY_PAID));
        assertThat(lnbits.paymentsMade.get()).isEqualTo(1);
    }

    @Test
    void anAmountAboveTheLimitIsRefusedBeforeAskingLnbits() throws Exception {
        Invoice invoice = invoice(20_000);
        assertThatThrownBy(() -> payer(wallet.adminKey()).pay(invoice.bolt11(), new PaymentLimits(19_999, 0)))
                .isInstanceOfSatisfying(PaymentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentRefusedException.Reason.AMOUNT_LIMIT_EXCEEDED));
        assertThat(lnbits.paymentsMade.get()).isZero();
    }

    @Test
    void malformedJsonFromLnbitsLeavesTheOutcomeUnknown() throws Exception {
        lnbits.malformedPaymentResponses = true;
        Invoice invoice = invoice(10_000);
        LnbitsPayer payer = payer(wallet.adminKey());
        assertThatThrownBy(() -> payer.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PayerUnavailableException.class, e -> assertThat(e.mayHaveBeenMade()).isTrue())
                .hasMessageContaining("not its API");
        // and the status query tells what happened
        assertThat(payer.status(invoice.paymentHash())).get().isInstanceOf(PaymentStatus.Succeeded.class);
    }

    @Test
    void aRefusedConnectionMeansNothingWasPaid() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LnbitsPayer payer = LnbitsPayer.builder(URI.create("http://127.0.0.1:" + port), wallet.adminKey()).build();
        Invoice invoice = invoice(10_000);
        assertThatThrownBy(() -> payer.pay(invoice.bolt11(), LIMITS))
                .isInstanceOfSatisfying(PayerUnavailableException.class, e -> assertThat(e.mayHaveBeenMade()).isFalse())
                .hasMessageContaining("connection refused");
        assertThatThrownBy(() -> payer.status(invoice.paymentHash())).isInstanceOf(PayerUnavailableException.class);
    }

    @Test
    void aWrongPathIsNotTakenForAnUnknownPayment() throws Exception {
        LnbitsPayer payer = LnbitsPayer.builder(URI.create(lnbits.baseUrl() + "/nowhere"), wallet.adminKey()).build();
        assertThatThrownBy(() -> payer.pay(invoice(10_000).bolt11(), LIMITS)).isInstanceOf(PayerUnavailableException.class)
                .hasMessageContaining("HTTP 404: Not Found");
    }

    @Test
    void theKeyNeverAppearsInToStringOrMessages() throws Exception {
        LnbitsPayer payer = payer(wallet.adminKey());
        assertThat(payer.toString()).doesNotContain(wallet.adminKey());
        assertThat(payer.describe()).doesNotContain(wallet.adminKey());
        Invoice big = invoice(60_000);
        assertThatThrownBy(() -> payer.pay(big.bolt11(), LIMITS)).message().doesNotContain(wallet.adminKey());
    }
}
