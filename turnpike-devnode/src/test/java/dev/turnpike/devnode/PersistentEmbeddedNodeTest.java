package dev.turnpike.devnode;


import dev.turnpike.io.PrivateFiles;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersistentEmbeddedNodeTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(EmbeddedNodeTest.START);

    private EmbeddedNode open() throws IOException {
        return EmbeddedNode.builder().dataDirectory(directory).clock(clock).build();
    }

    @Test
    void anInvoiceCreatedBeforeARestartIsPaidAfterIt() throws Exception {
        Invoice invoice;
        WalletCredentials wallet;
        String nodeId;
        try (EmbeddedNode node = open()) {
            nodeId = node.nodeId().toHex();
            invoice = node.createInvoice(new InvoiceRequest(21_000, "before restart", Duration.ofHours(1)));
            wallet = node.createWallet();
            node.fund(wallet.walletId(), 30_000);
        }

        try (EmbeddedNode node = open()) {
            assertThat(node.nodeId().toHex()).isEqualTo(nodeId);
            assertThat(node.authenticate(wallet.apiKey())).contains(wallet.walletId());
            assertThat(node.lookup(invoice.paymentHash())).contains(invoice);

            PaymentResult result = node.payer(wallet.walletId()).pay(invoice.bolt11(), EmbeddedNodeTest.NO_FEE);

            assertThat(result.preimage().matches(invoice.paymentHash())).isTrue();
        }
        try (EmbeddedNode node = open()) {
            assertThat(node.lookup(invoice.paymentHash())).map(Invoice::state).contains(InvoiceState.SETTLED);
            assertThat(node.balanceMsat(wallet.walletId())).isEqualTo(9_000);
            assertThat(node.receivedMsat()).isEqualTo(21_000);
        }
    }

    @Test
    void theWalletThatPaidFindsItsPaymentWithThePreimageAfterARestartAndNoOtherWalletDoes() throws Exception {
        Invoice invoice;
        WalletCredentials payer;
        WalletCredentials other;
        try (EmbeddedNode node = open()) {
            invoice = node.createInvoice(new InvoiceRequest(5_000, "lost answer", Duration.ofHours(1)));
            payer = node.createWallet();
            other = node.createWallet();
            node.fund(payer.walletId(), 5_000);
            assertThat(node.payment(payer.walletId(), invoice.paymentHash())).isEmpty(); // not paid yet
            node.payer(payer.walletId()).pay(invoice.bolt11(), EmbeddedNodeTest.NO_FEE);
        }
        try (EmbeddedNode node = open()) {
            WalletPayment payment = node.payment(payer.walletId(), invoice.paymentHash()).orElseThrow();
            assertThat(payment.preimage().matches(invoice.paymentHash())).isTrue();
            assertThat(payment.amountMsat()).isEqualTo(5_000);
            assertThat(payment.feeMsat()).isZero();
            assertThat(payment.settledAt()).isEqualTo(EmbeddedNodeTest.START.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(node.payment(other.walletId(), invoice.paymentHash())).isEmpty();
        }
    }

    @Test
    void aFirstVersionNodeDatabaseIsMigratedAndKeepsItsInvoices() throws Exception {
        Invoice invoice;
        try (EmbeddedNode node = open()) {
            invoice = node.createInvoice(new InvoiceRequest(1_000, "v1", Duration.ofHours(1)));
        }
        // turn the file back into the first schema version: no payer columns, no wallet names or creation times
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("node.db"));
                var s = c.createStatement()) {
            s.execute("ALTER TABLE invoices DROP COLUMN paid_by");
            s.execute("ALTER TABLE invoices DROP COLUMN settled_at");
            s.execute("ALTER TABLE wallets DROP COLUMN name");
            s.execute("ALTER TABLE wallets DROP COLUMN created_at");
            s.execute("PRAGMA user_version = 1");
        }
        try (EmbeddedNode node = open()) {
            WalletCredentials wallet = node.createWallet();
            node.fund(wallet.walletId(), 1_000);
            node.payer(wallet.walletId()).pay(invoice.bolt11(), EmbeddedNodeTest.NO_FEE);
            assertThat(node.payment(wallet.walletId(), invoice.paymentHash())).isPresent();
        }
    }

    @Test
    void createsTheNodeKeyOnceAsAnOwnerOnlyFileOf32Bytes() throws Exception {
        Path keyFile = directory.resolve("node.key");
        String nodeId;
        try (EmbeddedNode node = open()) {
            nodeId = node.nodeId().toHex();
        }

        assertThat(Files.readAllBytes(keyFile)).hasSize(32);
        if (PrivateFiles.supportsPosix(keyFile)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        }
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
        try (EmbeddedNode node = open()) {
            assertThat(node.nodeId().toHex()).isEqualTo(nodeId);
            Invoice invoice = node.createInvoice(new InvoiceRequest(1, "x", Duration.ofMinutes(1)));
            assertThat(Bolt11Invoice.decode(invoice.bolt11()).payee()).isEqualTo(node.nodeId());
        }
    }

    @Test
    void refusesAKeyFileThatIsNotAKey() throws Exception {
        PrivateFiles.writeAtomically(directory.resolve("node.key"), new byte[31]);
        assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("31 bytes");

        PrivateFiles.writeAtomically(directory.resolve("node.key"), new byte[32]);
        assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("not hold a valid");
    }

    @Test
    void refusesAKeyFileOtherUsersMayRead() throws Exception {
        Path keyFile = directory.resolve("node.key");
        try (EmbeddedNode node = open()) {
            assertThat(node.nodeId()).isNotNull();
        }
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(this::open).isInstanceOf(IOException.class)
                .hasMessage("the node key file " + keyFile + " is open to other users (rw-r--r--): chmod 600 " + keyFile);
    }

    @Test
    void ofConcurrentPaymentsOfOneInvoiceFromManyWalletsExactlyOneIsPaid() throws Exception {
        try (EmbeddedNode node = open()) {
            Invoice invoice = node.createInvoice(new InvoiceRequest(5_000, "race", Duration.ofHours(1)));
            List<WalletCredentials> wallets = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                wallets.add(node.createWallet());
                node.fund(wallets.get(i).walletId(), 5_000);
            }
            ExecutorService pool = Executors.newFixedThreadPool(wallets.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PaymentResult>> attempts = new ArrayList<>();
            for (WalletCredentials wallet : wallets) {
                Callable<PaymentResult> attempt = () -> {
                    go.await();
                    return node.payer(wallet.walletId()).pay(invoice.bolt11(), EmbeddedNodeTest.NO_FEE);
                };
                attempts.add(pool.submit(attempt));
            }
            go.countDown();
            int paid = 0;
            for (Future<PaymentResult> attempt : attempts) {
                try {
                    attempt.get(30, TimeUnit.SECONDS);
                    paid++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(PaymentFailedException.class,
                            f -> assertThat(f.reason()).isEqualTo(PaymentFailedException.Reason.INVOICE_ALREADY_PAID));
                }
            }
            pool.shutdownNow();

            assertThat(paid).isEqualTo(1);
            long total = 0;
            for (WalletCredentials wallet : wallets) {
                total += node.balanceMsat(wallet.walletId());
            }
            assertThat(total).isEqualTo(6 * 5_000 - 5_000);
            assertThat(node.receivedMsat()).isEqualTo(5_000);
        }
    }
}
