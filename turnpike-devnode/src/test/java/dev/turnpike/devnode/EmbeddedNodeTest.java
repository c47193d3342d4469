package dev.turnpike.devnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Features;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.PrivateKey;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.lightning.node.PaymentFailedException.Reason;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.lightning.node.Subscription;
import dev.turnpike.testing.MutableClock;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedNodeTest {

    static final Instant START = Instant.parse("2026-01-02T03:04:05.678Z");
    static final PaymentLimits NO_FEE = PaymentLimits.maxFee(0);

    private MutableClock clock;
    private EmbeddedNode node;

    @BeforeEach
    void start() throws IOException {
        clock = new MutableClock(START);
        node = EmbeddedNode.builder().clock(clock).random(seeded(1)).build();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private Invoice invoice(long msat) throws Exception {
        return node.createInvoice(new InvoiceRequest(msat, "1 API call", Duration.ofMinutes(10)));
    }

    private WalletCredentials fundedWallet(long msat) throws Exception {
        WalletCredentials wallet = node.createWallet();
        node.fund(wallet.walletId(), msat);
        return wallet;
    }

    @Test
    void createsARealSignedRegtestInvoice() throws Exception {
        Invoice invoice = invoice(21_000);

        Bolt11Invoice decoded = Bolt11Invoice.decode(invoice.bolt11());
        assertThat(decoded.network()).isEqualTo(Network.REGTEST);
        assertThat(invoice.bolt11()).startsWith("lnbcrt210n1");
        assertThat(decoded.payee()).isEqualTo(node.nodeId());
        assertThat(decoded.amountMsat()).hasValue(21_000);
        assertThat(decoded.paymentHash()).isEqualTo(invoice.paymentHash());
        assertThat(decoded.description()).contains("1 API call");
        assertThat(decoded.expirySeconds()).isEqualTo(600);
        assertThat(decoded.paymentSecret()).hasSize(32);
        assertThat(decoded.features()).isEqualTo(Features.of(Features.VAR_ONION_OPTIN, Features.PAYMENT_SECRET));
        assertThat(decoded.timestamp()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(invoice.createdAt()).isEqualTo(decoded.timestamp());
        assertThat(invoice.expiresAt()).isEqualTo(decoded.expiresAt());
        assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN);
        assertThat(node.lookup(invoice.paymentHash())).contains(invoice);
    }

    @Test
    void everyInvoiceHasItsOwnPreimageAndSecret() throws Exception {
        Bolt11Invoice first = Bolt11Invoice.decode(invoice(1000).bolt11());
        Bolt11Invoice second = Bolt11Invoice.decode(invoice(1000).bolt11());

        assertThat(first.paymentHash()).isNotEqualTo(second.paymentHash());
        assertThat(first.paymentSecret()).isNotEqualTo(second.paymentSecret());
    }

    @Test
    void usesTheConfiguredNetworkAndKey() throws Exception {
        PrivateKey key = PrivateKey.fromBytes(HexFormat.of().parseHex("22".repeat(32)));
        try (EmbeddedNode signet = EmbeddedNode.builder().network(Network.SIGNET).nodeKey(key).build()) {
            Invoice invoice = signet.createInvoice(new InvoiceRequest(5_000, "", Duration.ofSeconds(30)));

            assertThat(invoice.bolt11()).startsWith("lntbs50n1");
            assertThat(Bolt11Invoice.decode(invoice.bolt11()).payee()).isEqualTo(key.publicKey());
            assertThat(signet.nodeId()).isEqualTo(key.publicKey());
        }
    }

    @Test
    void aWalletPaysAnInvoiceAndGetsThePreimage() throws Exception {
        Invoice invoice = invoice(21_000);
        WalletCredentials wallet = fundedWallet(50_000);

        PaymentResult result = node.payer(wallet.walletId()).pay(invoice.bolt11(), NO_FEE);

        assertThat(result.paymentHash()).isEqualTo(invoice.paymentHash());
        assertThat(result.preimage().matches(invoice.paymentHash())).isTrue();
        assertThat(result.feeMsat()).isZero();
        assertThat(result.toString()).doesNotContain(result.preimage().toHex());
        assertThat(node.balanceMsat(wallet.walletId())).isEqualTo(29_000);
        assertThat(node.receivedMsat()).isEqualTo(21_000);
        assertThat(node.lookup(invoice.paymentHash())).map(Invoice::state).contains(InvoiceState.SETTLED);
    }

    @Test
    void refusesToPayTwice() throws Exception {
        Invoice invoice = invoice(1_000);
        WalletCredentials wallet = fundedWallet(10_000);
        node.payer(wallet.walletId()).pay(invoice.bolt11(), NO_FEE);

        PaymentFailedException e = payFailure(wallet, invoice.bolt11());

        assertThat(e.reason()).isEqualTo(Reason.INVOICE_ALREADY_PAID);
        assertThat(node.balanceMsat(wallet.walletId())).isEqualTo(9_000);
    }

    @Test
    void refusesWithoutEnoughBalanceAndLeavesEverythingAsItWas() throws Exception {
        Invoice invoice = invoice(21_000);
        WalletCredentials wallet = fundedWallet(20_999);

        PaymentFailedException e = payFailure(wallet, invoice.bolt11());

        assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_BALANCE);
        assertThat(e.getMessage()).contains("20999").contains("21000");
        assertThat(node.balanceMsat(wallet.walletId())).isEqualTo(20_999);
        assertThat(node.receivedMsat()).isZero();
        assertThat(node.lookup(invoice.paymentHash())).map(Invoice::state).contains(InvoiceState.OPEN);
    }

    @Test
    void anInvoicePastItsExpiryIsExpiredWhenLookedUpOrPaid() throws Exception {
        Invoice looked = invoice(1_000);
        Invoice paid = invoice(1_000);
        WalletCredentials wallet = fundedWallet(10_000);
        List<Invoice> updates = new CopyOnWriteArrayList<>();
        node.subscribe(updates::add);

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(node.lookup(looked.paymentHash())).map(Invoice::state).contains(InvoiceState.OPEN);
        clock.advance(Duration.ofSeconds(1));

        assertThat(node.lookup(looked.paymentHash())).map(Invoice::state).contains(InvoiceState.EXPIRED);
        assertThat(payFailure(wallet, paid.bolt11()).reason()).isEqualTo(Reason.INVOICE_EXPIRED);
        assertThat(payFailure(wallet, paid.bolt11()).reason()).isEqualTo(Reason.INVOICE_EXPIRED);
        assertThat(node.lookup(paid.paymentHash())).map(Invoice::state).contains(InvoiceState.EXPIRED);
        assertThat(node.balanceMsat(wallet.walletId())).isEqualTo(10_000);
        assertThat(updates).extracting(Invoice::paymentHash, Invoice::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(looked.paymentHash(), InvoiceState.EXPIRED),
                org.assertj.core.groups.Tuple.tuple(paid.paymentHash(), InvoiceState.EXPIRED));
    }

    @Test
    void aCancelledInvoiceCannotBePaid() throws Exception {
        Invoice invoice = invoice(1_000);
        WalletCredentials wallet = fundedWallet(10_000);
        List<Invoice> heard = new ArrayList<>();
        node.subscribe(heard::add);

        assertThat(node.cancel(invoice.paymentHash()).state()).isEqualTo(InvoiceState.CANCELLED);
        assertThat(heard).extracting(Invoice::state).containsExactly(InvoiceState.CANCELLED);

        assertThat(payFailure(wallet, invoice.bolt11()).reason()).isEqualTo(Reason.INVOICE_CANCELLED);
        assertThat(node.cancel(invoice.paymentHash()).state()).isEqualTo(InvoiceState.CANCELLED);
    }

    @Test
    void aPaidInvoiceCannotBeCancelledNorAnUnknownOne() throws Exception {
        Invoice invoice = invoice(1_000);
        node.payer(fundedWallet(1_000).walletId()).pay(invoice.bolt11(), NO_FEE);

        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> node.cancel(invoice.paymentHash())))
                .hasMessageContaining("already paid");
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> node.cancel(PaymentHash.of(new byte[32])))).isNotNull();
    }

    @Test
    void refusesInvoicesOfAnotherNodeSayingWhose() throws Exception {
        WalletCredentials wallet = fundedWallet(10_000_000_000L);
        PrivateKey otherNode = PrivateKey.fromBytes(HexFormat.of().parseHex("44".repeat(32)));
        Invoice ours = invoice(1_000);
        // The same invoice, re-signed by another node: only the payee differs.
        String foreign = Bolt11Invoice.decode(ours.bolt11()).toBuilder().sign(otherNode).encoded();

        PaymentFailedException e = payFailure(wallet, foreign);

        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE_PAYEE);
        assertThat(e.getMessage()).contains(otherNode.publicKey().toHex()).contains(node.nodeId().toHex());
        assertThat(node.lookup(ours.paymentHash())).map(Invoice::state).contains(InvoiceState.OPEN);
    }

    @Test
    void refusesAnInvoiceOfThisNodeItDoesNotKnow() throws Exception {
        PrivateKey key = PrivateKey.fromBytes(HexFormat.of().parseHex("33".repeat(32)));
        try (EmbeddedNode first = EmbeddedNode.builder().nodeKey(key).build();
                EmbeddedNode second = EmbeddedNode.builder().nodeKey(key).build()) {
            Invoice invoice = first.createInvoice(new InvoiceRequest(1_000, "x", Duration.ofMinutes(1)));
            WalletCredentials wallet = second.createWallet();
            second.fund(wallet.walletId(), 5_000);

            PaymentFailedException e = catchThrowableOfType(PaymentFailedException.class,
                    () -> second.payer(wallet.walletId()).pay(invoice.bolt11(), NO_FEE));

            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_INVOICE);
        }
    }

    @Test
    void respectsTheAmountLimitAndRejectsBadRequests() throws Exception {
        Invoice invoice = invoice(21_000);
        WalletCredentials wallet = fundedWallet(50_000);

        assertThat(catchThrowableOfType(PaymentFailedException.class,
                () -> node.payer(wallet.walletId()).pay(invoice.bolt11(), new PaymentLimits(20_999, 0))).reason())
                .isEqualTo(Reason.AMOUNT_LIMIT_EXCEEDED);
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> node.payer(wallet.walletId()).pay("lnbc1nonsense", NO_FEE))).hasMessageContaining("BOLT #11");
        WalletId nobody = new WalletId("w_" + "0".repeat(32));
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> node.payer(nobody).pay(invoice.bolt11(), NO_FEE))).hasMessageContaining(nobody.value());
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> node.fund(nobody, 1))).isNotNull();
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> node.fund(wallet.walletId(), 0))).isNotNull();
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> node.fund(wallet.walletId(), EmbeddedNode.MAX_BALANCE_MSAT))).isNotNull();
        assertThat(node.balanceMsat(wallet.walletId())).isEqualTo(50_000);
    }

    @Test
    void walletsHaveRandomIdsAndKeysThatAuthenticate() throws Exception {
        WalletCredentials a = node.createWallet();
        WalletCredentials b = node.createWallet();

        assertThat(a.walletId()).isNotEqualTo(b.walletId());
        assertThat(a.apiKey().reveal()).matches("tpk_[0-9a-f]{64}").isNotEqualTo(b.apiKey().reveal());
        assertThat(a.apiKey().toString()).doesNotContain(a.apiKey().reveal().substring(4));
        assertThat(node.authenticate(ApiKey.parse(a.apiKey().reveal()).orElseThrow())).contains(a.walletId());
        assertThat(node.authenticate(ApiKey.parse("tpk_" + "0".repeat(64)).orElseThrow())).isEmpty();
        assertThat(ApiKey.parse("tpk_123")).isEmpty();
        assertThat(node.balanceMsat(a.walletId())).isZero();
        assertThat(node.fund(a.walletId(), 7)).isEqualTo(7);
        assertThat(node.fund(a.walletId(), 3)).isEqualTo(10);
    }

    @Test
    void listenersHearSettlementUntilTheyUnsubscribe() throws Exception {
        List<Invoice> heard = new ArrayList<>();
        Subscription subscription = node.subscribe(heard::add);
        node.subscribe(invoice -> {
            throw new IllegalStateException("a broken listener does not stop the others");
        });
        WalletCredentials wallet = fundedWallet(10_000);
        Invoice first = invoice(1_000);

        node.payer(wallet.walletId()).pay(first.bolt11(), NO_FEE);
        subscription.close();
        node.payer(wallet.walletId()).pay(invoice(1_000).bolt11(), NO_FEE);

        assertThat(heard).singleElement().satisfies(i -> {
            assertThat(i.paymentHash()).isEqualTo(first.paymentHash());
            assertThat(i.state()).isEqualTo(InvoiceState.SETTLED);
        });
    }

    @Test
    void lookupOfAnUnknownHashIsEmpty() throws Exception {
        assertThat(node.lookup(PaymentHash.of(new byte[32]))).isEmpty();
    }

    private PaymentFailedException payFailure(WalletCredentials wallet, String bolt11) {
        PaymentFailedException e = catchThrowableOfType(PaymentFailedException.class,
                () -> node.payer(wallet.walletId()).pay(bolt11, NO_FEE));
        assertThat(e).as("payment refused").isNotNull();
        return e;
    }
}
