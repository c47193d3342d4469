package dev.turnpike.devnode;

import dev.turnpike.io.PrivateFiles;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.lightning.node.InvoiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNodeStoreTest extends NodeStoreContract {

    @TempDir
    Path directory;

    @Override
    NodeStore newStore() throws Exception {
        return SqliteNodeStore.open(directory.resolve("node.db"));
    }

    @Test
    void keepsEverythingAcrossReopening() throws Exception {
        StoredInvoice invoice = openInvoice(2_000);
        store.insertInvoice(invoice);
        WalletId payer = wallet(5_000);
        store.close();

        store = newStore();

        assertThat(store.invoice(invoice.paymentHash())).contains(invoice);
        assertThat(store.settle(invoice.paymentHash(), payer, T0).outcome()).isEqualTo(NodeStore.Settlement.Outcome.SETTLED);
        store.close();
        store = newStore();
        assertThat(store.balance(payer)).hasValue(3_000);
        assertThat(store.receivedMsat()).isEqualTo(2_000);
        assertThat(store.invoice(invoice.paymentHash())).map(StoredInvoice::state).contains(InvoiceState.SETTLED);
    }

    @Test
    void walletsMadeBeforeNamesWereKeptAreListedWithoutThem() throws Exception {
        store.close();
        Path file = directory.resolve("old.db");
        PrivateFiles.createIfAbsent(file);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            connection.createStatement().execute("CREATE TABLE wallets (id TEXT PRIMARY KEY,"
                    + " api_key_hash BLOB NOT NULL UNIQUE, balance_msat INTEGER NOT NULL)");
            connection.createStatement().execute("INSERT INTO wallets VALUES ('w_" + "a".repeat(32) + "', x'01', 5)");
            connection.createStatement().execute("PRAGMA user_version = 2");
        }

        store = SqliteNodeStore.open(file);

        assertThat(store.wallets(10)).containsExactly(new WalletSummary(new WalletId("w_" + "a".repeat(32)),
                Optional.empty(), 5, Optional.empty()));
    }

    @Test
    void usesWalModeAndAnOwnerOnlyFile() throws Exception {
        Path file = directory.resolve("node.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rows = connection.createStatement().executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
        }
        if (PrivateFiles.supportsPosix(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }
}
