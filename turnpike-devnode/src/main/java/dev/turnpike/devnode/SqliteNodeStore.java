package dev.turnpike.devnode;

import dev.turnpike.devnode.NodeStore.Settlement.Outcome;
import dev.turnpike.io.PrivateFiles;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.node.InvoiceState;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.sqlite.SQLiteConfig;

/**
 * A store in one SQLite file, in WAL mode: each operation is one IMMEDIATE transaction, so a payment is
 * all-or-nothing even across a crash, and other processes opening the same file queue behind it. Commits are
 * durable across a process crash; with {@code synchronous=NORMAL} the last ones may be lost if the machine
 * loses power, which is acceptable for a development node.
 */
final class SqliteNodeStore implements NodeStore {

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS invoices (
          payment_hash BLOB PRIMARY KEY CHECK (length(payment_hash) = 32),
          preimage BLOB NOT NULL CHECK (length(preimage) = 32),
          bolt11 TEXT NOT NULL,
          amount_msat INTEGER NOT NULL CHECK (amount_msat > 0),
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('OPEN', 'SETTLED', 'EXPIRED', 'CANCELLED')))""",
        """
        CREATE TABLE IF NOT EXISTS wallets (
          id TEXT PRIMARY KEY,
          api_key_hash BLOB NOT NULL UNIQUE,
          balance_msat INTEGER NOT NULL CHECK (balance_msat >= 0))""",
        """
        CREATE TABLE IF NOT EXISTS node (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          received_msat INTEGER NOT NULL CHECK (received_msat >= 0))""",
        "INSERT OR IGNORE INTO node (id, received_msat) VALUES (1, 0)",
    };

    /** Schema changes after the first version, in order: entry i moves user_version i+1 to i+2. */
    private static final String[][] MIGRATIONS = {
        {"ALTER TABLE invoices ADD COLUMN paid_by TEXT", "ALTER TABLE invoices ADD COLUMN settled_at INTEGER"},
        {"ALTER TABLE wallets ADD COLUMN name TEXT", "ALTER TABLE wallets ADD COLUMN created_at INTEGER"},
    };

    private static final String SELECT_INVOICE =
            "SELECT payment_hash, preimage, bolt11, amount_msat, created_at, expires_at, state, paid_by, settled_at"
                    + " FROM invoices"
                    + " WHERE payment_hash = ?";

    private final Connection connection;

    private SqliteNodeStore(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating if needed, readable by the owner only) the database file and its schema. */
    static SqliteNodeStore open(Path file) throws IOException {
        PrivateFiles.createIfAbsent(file);
        PrivateFiles.requireOwnerOnly(file, "the node database"); // it holds the preimages of paid invoices
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setBusyTimeout(5_000);
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    for (String sql : SCHEMA) {
                        statement.execute(sql);
                    }
                    migrate(statement);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new SqliteNodeStore(connection);
        } catch (SQLException e) {
            throw new IOException("cannot open node database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Brings a new (user_version 0) or older file to the latest schema. */
    private static void migrate(Statement statement) throws SQLException {
        int version;
        try (ResultSet r = statement.executeQuery("PRAGMA user_version")) {
            version = r.next() ? r.getInt(1) : 0;
        }
        for (int v = Math.max(version, 1); v <= MIGRATIONS.length; v++) {
            for (String sql : MIGRATIONS[v - 1]) {
                statement.execute(sql);
            }
        }
        statement.execute("PRAGMA user_version = " + (MIGRATIONS.length + 1));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private synchronized <T> T inTransaction(Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback(e);
            throw new StoreException("node database failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    private void rollback(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void insertInvoice(StoredInvoice invoice) {
        inTransaction(() -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO invoices (payment_hash, preimage, bolt11, amount_msat, created_at, expires_at, state)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setBytes(1, invoice.paymentHash().bytes());
                insert.setBytes(2, invoice.preimage().bytes());
                insert.setString(3, invoice.bolt11());
                insert.setLong(4, invoice.amountMsat());
                insert.setLong(5, invoice.createdAt().getEpochSecond());
                insert.setLong(6, invoice.expiresAt().getEpochSecond());
                insert.setString(7, invoice.state().name());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredInvoice> invoice(PaymentHash paymentHash) {
        return inTransaction(() -> select(paymentHash));
    }

    @Override
    public Optional<Change> closeIfOpen(PaymentHash paymentHash, InvoiceState target) {
        return inTransaction(() -> {
            Optional<StoredInvoice> found = select(paymentHash);
            if (found.isEmpty() || found.get().state() != InvoiceState.OPEN) {
                return found.map(invoice -> new Change(invoice, false));
            }
            updateState(paymentHash, target);
            return Optional.of(new Change(found.get().withState(target), true));
        });
    }

    @Override
    public Settlement settle(PaymentHash paymentHash, WalletId payer, Instant now) {
        return inTransaction(() -> {
            Optional<StoredInvoice> found = select(paymentHash);
            if (found.isEmpty()) {
                return new Settlement(Outcome.UNKNOWN_INVOICE, null, 0);
            }
            StoredInvoice invoice = found.get();
            OptionalLong balance = selectBalance(payer);
            if (balance.isEmpty()) {
                return new Settlement(Outcome.UNKNOWN_WALLET, invoice, 0);
            }
            if (invoice.state() != InvoiceState.OPEN) {
                return new Settlement(Outcome.NOT_OPEN, invoice, balance.getAsLong());
            }
            if (invoice.isExpiredAt(now)) {
                updateState(paymentHash, InvoiceState.EXPIRED);
                return new Settlement(Outcome.EXPIRED_NOW, invoice.withState(InvoiceState.EXPIRED), balance.getAsLong());
            }
            if (balance.getAsLong() < invoice.amountMsat()) {
                return new Settlement(Outcome.INSUFFICIENT_BALANCE, invoice, balance.getAsLong());
            }
            try (PreparedStatement debit = connection.prepareStatement(
                            "UPDATE wallets SET balance_msat = balance_msat - ? WHERE id = ?");
                    PreparedStatement credit = connection.prepareStatement(
                            "UPDATE node SET received_msat = received_msat + ? WHERE id = 1")) {
                debit.setLong(1, invoice.amountMsat());
                debit.setString(2, payer.value());
                debit.executeUpdate();
                credit.setLong(1, invoice.amountMsat());
                credit.executeUpdate();
            }
            try (PreparedStatement settle = connection.prepareStatement(
                    "UPDATE invoices SET state = 'SETTLED', paid_by = ?, settled_at = ? WHERE payment_hash = ?")) {
                settle.setString(1, payer.value());
                settle.setLong(2, now.getEpochSecond());
                settle.setBytes(3, paymentHash.bytes());
                settle.executeUpdate();
            }
            return new Settlement(Outcome.SETTLED, invoice.settledBy(payer, now),
                    balance.getAsLong() - invoice.amountMsat());
        });
    }

    @Override
    public void insertWallet(WalletId id, byte[] apiKeyHash, Optional<String> name, Instant createdAt) {
        inTransaction(() -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO wallets (id, api_key_hash, balance_msat, name, created_at) VALUES (?, ?, 0, ?, ?)")) {
                insert.setString(1, id.value());
                insert.setBytes(2, apiKeyHash);
                insert.setString(3, name.orElse(null));
                insert.setLong(4, createdAt.getEpochSecond());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<WalletSummary> wallets(int limit) {
        return inTransaction(() -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, name, balance_msat, created_at"
                    + " FROM wallets ORDER BY created_at DESC, rowid DESC LIMIT ?")) {
                select.setInt(1, limit);
                List<WalletSummary> wallets = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        wallets.add(new WalletSummary(new WalletId(rows.getString(1)),
                                Optional.ofNullable(rows.getString(2)), rows.getLong(3),
                                rows.getObject(4) == null ? Optional.empty()
                                        : Optional.of(Instant.ofEpochSecond(rows.getLong(4)))));
                    }
                }
                return wallets;
            }
        });
    }

    @Override
    public Optional<WalletId> walletByApiKeyHash(byte[] apiKeyHash) {
        return inTransaction(() -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM wallets WHERE api_key_hash = ?")) {
                select.setBytes(1, apiKeyHash);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new WalletId(rows.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public OptionalLong balance(WalletId id) {
        return inTransaction(() -> selectBalance(id));
    }

    @Override
    public OptionalLong credit(WalletId id, long amountMsat, long maxBalanceMsat) {
        return inTransaction(() -> {
            OptionalLong balance = selectBalance(id);
            if (balance.isEmpty()) {
                return balance;
            }
            if (amountMsat > maxBalanceMsat - balance.getAsLong()) {
                throw new IllegalArgumentException("balance would exceed " + maxBalanceMsat + " msat");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE wallets SET balance_msat = balance_msat + ? WHERE id = ?")) {
                update.setLong(1, amountMsat);
                update.setString(2, id.value());
                update.executeUpdate();
            }
            return OptionalLong.of(balance.getAsLong() + amountMsat);
        });
    }

    @Override
    public long receivedMsat() {
        return inTransaction(() -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT received_msat FROM node WHERE id = 1")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close node database: " + e.getMessage(), e);
        }
    }

    private Optional<StoredInvoice> select(PaymentHash paymentHash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_INVOICE)) {
            select.setBytes(1, paymentHash.bytes());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredInvoice(
                        PaymentHash.of(rows.getBytes(1)),
                        Preimage.of(rows.getBytes(2)),
                        rows.getString(3),
                        rows.getLong(4),
                        Instant.ofEpochSecond(rows.getLong(5)),
                        Instant.ofEpochSecond(rows.getLong(6)),
                        InvoiceState.valueOf(rows.getString(7)),
                        rows.getString(8) == null ? null : new WalletId(rows.getString(8)),
                        rows.getObject(9) == null ? null : Instant.ofEpochSecond(rows.getLong(9))));
            }
        }
    }

    private OptionalLong selectBalance(WalletId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT balance_msat FROM wallets WHERE id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private void updateState(PaymentHash paymentHash, InvoiceState state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE invoices SET state = ? WHERE payment_hash = ?")) {
            update.setString(1, state.name());
            update.setBytes(2, paymentHash.bytes());
            update.executeUpdate();
        }
    }
}
