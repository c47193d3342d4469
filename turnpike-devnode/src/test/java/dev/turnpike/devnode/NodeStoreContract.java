package dev.turnpike.devnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.devnode.NodeStore.Settlement.Outcome;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.node.InvoiceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NodeStore} must do; a subclass per implementation supplies the store. */
abstract class NodeStoreContract {

    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

    NodeStore store;
    private int seed;

    abstract NodeStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    StoredInvoice openInvoice(long msat) {
        Preimage preimage = Preimage.random(EmbeddedNodeTest.seeded(++seed));
        return StoredInvoice.open(preimage.hash(), preimage, "lnbcrt-test-" + seed, msat, T0, T0.plusSeconds(60));
    }

    WalletId wallet(long balance) {
        WalletId id = WalletId.random(EmbeddedNodeTest.seeded(1000 + ++seed));
        store.insertWallet(id, new byte[] {(byte) seed}, Optional.empty(), Instant.EPOCH);
        if (balance > 0) {
            store.credit(id, balance, Long.MAX_VALUE);
        }
        return id;
    }

    @Test
    void storesAndFindsInvoicesWithTheirPreimage() {
        StoredInvoice invoice = openInvoice(1_000);

        store.insertInvoice(invoice);

        assertThat(store.invoice(invoice.paymentHash())).contains(invoice);
        assertThat(store.invoice(openInvoice(1).paymentHash())).isEmpty();
        assertThatThrownBy(() -> store.insertInvoice(invoice)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void settlesOnceDebitingThePayerAndCreditingTheNode() {
        StoredInvoice invoice = openInvoice(1_000);
        store.insertInvoice(invoice);
        WalletId payer = wallet(1_500);

        NodeStore.Settlement first = store.settle(invoice.paymentHash(), payer, T0);
        NodeStore.Settlement second = store.settle(invoice.paymentHash(), payer, T0);

        assertThat(first.outcome()).isEqualTo(Outcome.SETTLED);
        assertThat(first.invoice().preimage()).isEqualTo(invoice.preimage());
        assertThat(first.walletBalanceMsat()).isEqualTo(500);
        assertThat(second.outcome()).isEqualTo(Outcome.NOT_OPEN);
        assertThat(store.balance(payer)).hasValue(500);
        assertThat(store.receivedMsat()).isEqualTo(1_000);
        assertThat(store.invoice(invoice.paymentHash())).map(StoredInvoice::state).contains(InvoiceState.SETTLED);
        assertThat(store.invoice(invoice.paymentHash())).map(StoredInvoice::paidBy).contains(payer);
        assertThat(store.invoice(invoice.paymentHash())).map(StoredInvoice::settledAt).contains(T0);
    }

    @Test
    void refusesWithoutChangingAnything() {
        StoredInvoice invoice = openInvoice(1_000);
        store.insertInvoice(invoice);
        WalletId poor = wallet(999);

        assertThat(store.settle(invoice.paymentHash(), poor, T0).outcome()).isEqualTo(Outcome.INSUFFICIENT_BALANCE);
        assertThat(store.settle(openInvoice(1).paymentHash(), poor, T0).outcome()).isEqualTo(Outcome.UNKNOWN_INVOICE);
        assertThat(store.settle(invoice.paymentHash(), new WalletId("w_" + "f".repeat(32)), T0).outcome())
                .isEqualTo(Outcome.UNKNOWN_WALLET);
        assertThat(store.balance(poor)).hasValue(999);
        assertThat(store.receivedMsat()).isZero();
        assertThat(store.invoice(invoice.paymentHash())).map(StoredInvoice::state).contains(InvoiceState.OPEN);
    }

    @Test
    void expiresAnOpenInvoicePaidAtOrAfterItsExpiry() {
        StoredInvoice invoice = openInvoice(1_000);
        store.insertInvoice(invoice);
        WalletId payer = wallet(5_000);

        NodeStore.Settlement late = store.settle(invoice.paymentHash(), payer, invoice.expiresAt());

        assertThat(late.outcome()).isEqualTo(Outcome.EXPIRED_NOW);
        assertThat(late.invoice().state()).isEqualTo(InvoiceState.EXPIRED);
        assertThat(store.settle(invoice.paymentHash(), payer, T0).outcome()).isEqualTo(Outcome.NOT_OPEN);
        assertThat(store.balance(payer)).hasValue(5_000);
    }

    @Test
    void closesOnlyOpenInvoices() {
        StoredInvoice invoice = openInvoice(1_000);
        store.insertInvoice(invoice);

        assertThat(store.closeIfOpen(invoice.paymentHash(), InvoiceState.CANCELLED))
                .hasValueSatisfying(c -> {
                    assertThat(c.changed()).isTrue();
                    assertThat(c.invoice().state()).isEqualTo(InvoiceState.CANCELLED);
                });
        assertThat(store.closeIfOpen(invoice.paymentHash(), InvoiceState.EXPIRED))
                .hasValueSatisfying(c -> {
                    assertThat(c.changed()).isFalse();
                    assertThat(c.invoice().state()).isEqualTo(InvoiceState.CANCELLED);
                });
        assertThat(store.closeIfOpen(openInvoice(1).paymentHash(), InvoiceState.EXPIRED)).isEmpty();
    }

    @Test
    void walletsAreFoundByApiKeyHashAndCreditedUpToALimit() {
        WalletId id = WalletId.random(EmbeddedNodeTest.seeded(77));
        store.insertWallet(id, new byte[] {9, 9}, Optional.empty(), Instant.EPOCH);

        assertThat(store.walletByApiKeyHash(new byte[] {9, 9})).contains(id);
        assertThat(store.walletByApiKeyHash(new byte[] {9})).isEmpty();
        assertThat(store.credit(id, 40, 100)).hasValue(40);
        assertThatThrownBy(() -> store.credit(id, 61, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.balance(id)).hasValue(40);
        assertThat(store.credit(new WalletId("w_" + "e".repeat(32)), 1, 100)).isEmpty();
    }

    @Test
    void walletsAreListedNewestFirstWithNameBalanceAndCreationTime() {
        WalletId older = WalletId.random(EmbeddedNodeTest.seeded(78));
        WalletId newer = WalletId.random(EmbeddedNodeTest.seeded(79));
        store.insertWallet(older, new byte[] {1}, Optional.of("alice"), T0);
        store.insertWallet(newer, new byte[] {2}, Optional.empty(), T0.plusSeconds(5));
        store.credit(older, 700, Long.MAX_VALUE);

        assertThat(store.wallets(10)).containsExactly(
                new WalletSummary(newer, Optional.empty(), 0, Optional.of(T0.plusSeconds(5))),
                new WalletSummary(older, Optional.of("alice"), 700, Optional.of(T0)));
        assertThat(store.wallets(1)).extracting(WalletSummary::id).containsExactly(newer);
    }

    @Test
    void ofConcurrentPaymentsOfOneInvoiceExactlyOneWins() throws Exception {
        int payers = 8;
        List<StoredInvoice> invoices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            invoices.add(openInvoice(1_000));
            store.insertInvoice(invoices.get(i));
        }
        List<WalletId> wallets = new ArrayList<>();
        for (int i = 0; i < payers; i++) {
            wallets.add(wallet(1_000_000));
        }
        ExecutorService pool = Executors.newFixedThreadPool(payers);
        try {
            for (StoredInvoice invoice : invoices) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<NodeStore.Settlement>> attempts = new ArrayList<>();
                for (WalletId payer : wallets) {
                    Callable<NodeStore.Settlement> attempt = () -> {
                        go.await();
                        return store.settle(invoice.paymentHash(), payer, T0);
                    };
                    attempts.add(pool.submit(attempt));
                }
                go.countDown();
                int wins = 0;
                for (Future<NodeStore.Settlement> attempt : attempts) {
                    Outcome outcome = attempt.get(30, TimeUnit.SECONDS).outcome();
                    assertThat(outcome).isIn(Outcome.SETTLED, Outcome.NOT_OPEN);
                    wins += outcome == Outcome.SETTLED ? 1 : 0;
                }
                assertThat(wins).as("winners for one invoice").isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (WalletId id : wallets) {
            total += store.balance(id).orElseThrow();
        }
        assertThat(total).isEqualTo(payers * 1_000_000L - 20 * 1_000L);
        assertThat(store.receivedMsat()).isEqualTo(20 * 1_000L);
    }
}
