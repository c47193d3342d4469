package dev.turnpike.devnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnpike.lightning.node.DevWallets;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedDevWalletsTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private EmbeddedNode node;
    private DevWallets wallets;
    private WalletCredentials alice;

    @BeforeEach
    void start() throws Exception {
        node = EmbeddedNode.builder().clock(new MutableClock(NOW)).random(EmbeddedNodeTest.seeded(7)).build();
        wallets = new EmbeddedDevWallets(node);
        alice = node.createWallet();
        node.fund(alice.walletId(), 50_000);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Invoice invoice(long msat) throws Exception {
        return node.createInvoice(new InvoiceRequest(msat, "1 API call", Duration.ofMinutes(10)));
    }

    @Test
    void aNewWalletIsFundedOpenedByItsKeyAndListedWithoutIt() throws Exception {
        DevWallets.NewWallet made = wallets.create(Optional.of("bob"), 9_000);

        assertThat(made.balanceMsat()).isEqualTo(9_000);
        assertThat(wallets.authenticate(made.apiKey())).contains(made.walletId());
        assertThat(made.toString()).doesNotContain(made.apiKey());
        assertThat(wallets.wallets(10)).containsExactly(
                new DevWallets.Listing(made.walletId(), Optional.of("bob"), 9_000, Optional.of(NOW)),
                new DevWallets.Listing(alice.walletId().value(), Optional.empty(), 50_000, Optional.of(NOW)));
    }

    @Test
    void aWalletIsNotMadeForANonPositiveAmount() throws Exception {
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> wallets.create(Optional.empty(), 0)))
                .hasMessageContaining("positive");
        assertThat(wallets.wallets(10)).hasSize(1);
    }

    @Test
    void anApiKeyOpensItsWalletAndNothingElseDoes() throws Exception {
        assertThat(wallets.authenticate(alice.apiKey().reveal())).contains(alice.walletId().value());
        assertThat(wallets.authenticate("tpk_" + "0".repeat(64))).isEmpty();
        assertThat(wallets.authenticate("not a key")).isEmpty();
    }

    @Test
    void paysFromTheWalletAndRemembersThePaymentWithItsInvoice() throws Exception {
        Invoice invoice = invoice(21_000);
        String wallet = alice.walletId().value();

        PaymentResult paid = wallets.pay(wallet, invoice.bolt11());

        assertThat(paid.paymentHash()).isEqualTo(invoice.paymentHash());
        assertThat(wallets.balanceMsat(wallet)).isEqualTo(29_000);
        DevWallets.Payment payment = wallets.payment(wallet, invoice.paymentHash()).orElseThrow();
        assertThat(payment).isEqualTo(new DevWallets.Payment(invoice.paymentHash(), invoice.bolt11(), 21_000, 0,
                paid.preimage(), NOW));
    }

    @Test
    void anotherWalletSeesNoPaymentItDidNotMake() throws Exception {
        Invoice invoice = invoice(1_000);
        wallets.pay(alice.walletId().value(), invoice.bolt11());
        String bob = node.createWallet().walletId().value();

        assertThat(wallets.payment(bob, invoice.paymentHash())).isEmpty();
        assertThat(wallets.balanceMsat(bob)).isZero();
    }

    @Test
    void paysAnyAmountTheWalletHoldsAndNoMore() throws Exception {
        String wallet = alice.walletId().value();
        wallets.pay(wallet, invoice(50_000).bolt11());

        PaymentFailedException refused = catchThrowableOfType(PaymentFailedException.class,
                () -> wallets.pay(wallet, invoice(1).bolt11()));

        assertThat(refused.reason()).isEqualTo(PaymentFailedException.Reason.INSUFFICIENT_BALANCE);
    }

    @Test
    void anUnknownWalletIsAnInvalidRequest() {
        String nobody = "w_" + "0".repeat(32);

        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> wallets.balanceMsat(nobody)))
                .hasMessage("no wallet " + nobody);
    }
}
