package dev.turnpike.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies everything a store keeps from one database to another, SQLite or PostgreSQL either way: every table of
 * {@link StoreTables}, read in one snapshot of the source and written in one transaction on the target, which
 * commits only when each table holds as many rows as the source's. Both databases are migrated already (a
 * {@link Database} is). The values are copied as they are: the tables are the same on both, and hold only
 * integers, text and bytes.
 */
public final class StoreCopy {

    /** How many rows go to the target in one round trip. */
    private static final int BATCH = 500;

    /** A table and the rows it holds on the target, as many as on the source. */
    public record TableRows(String table, long rows) {}

    private StoreCopy() {}

    /**
     * Copies the store.
     *
     * @param replace whether to empty a target that holds data already (in the same transaction), rather than refuse
     * @return the rows of each table, in copy order
     * @throws CopyRefusedException if the target holds data and not {@code replace}, or a gateway runs on a
     *     PostgreSQL source or target; nothing was written
     * @throws SQLException if the copy failed; nothing was written
     */
    public static List<TableRows> copy(Database from, Database to, boolean replace) throws SQLException {
        try (Connection source = from.dataSource().getConnection();
                Connection target = to.dataSource().getConnection()) {
            StoreInUse.refuseListeningGateways(source, from.dialect(), "source");
            StoreInUse.refuseListeningGateways(target, to.dialect(), "target");
            StoreTables.requireKnown(source, from.dialect(), "source");
            StoreTables.requireKnown(target, to.dialect(), "target");
            if (from.dialect() == Dialect.POSTGRES) {
                source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot of all tables
            }
            source.setAutoCommit(false); // SQLite in WAL: the snapshot of the first read lasts to the end
            target.setAutoCommit(false);
            try {
                emptyTarget(target, replace);
                List<TableRows> copied = new ArrayList<>();
                for (String table : StoreTables.ALL) {
                    copyTable(source, target, table);
                    copied.add(new TableRows(table, sameCount(source, target, table)));
                }
                target.commit();
                return copied;
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            } finally {
                source.rollback(); // ends the read snapshot
            }
        }
    }

    private static void emptyTarget(Connection target, boolean replace) throws SQLException {
        Map<String, Long> held = new LinkedHashMap<>();
        for (String table : StoreTables.ALL) {
            long rows = count(target, table);
            if (rows > 0) {
                held.put(table, rows);
            }
        }
        if (held.isEmpty()) {
            return;
        }
        if (!replace) {
            throw new CopyRefusedException(CopyRefusedException.Reason.TARGET_NOT_EMPTY,
                    "the target holds data already " + held + ": nothing was copied");
        }
        try (Statement s = target.createStatement()) {
            for (String table : held.keySet()) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    private static void copyTable(Connection source, Connection target, String table) throws SQLException {
        try (Statement select = source.createStatement(); ResultSet rows = select.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rows.getMetaData();
            int n = columns.getColumnCount();
            List<String> names = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                names.add(columns.getColumnName(i));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(n, "?")) + ")";
            try (PreparedStatement s = target.prepareStatement(insert)) {
                int pending = 0;
                while (rows.next()) {
                    for (int i = 1; i <= n; i++) {
                        bind(s, i, rows.getObject(i), table);
                    }
                    s.addBatch();
                    if (++pending == BATCH) {
                        s.executeBatch();
                        pending = 0;
                    }
                }
                s.executeBatch();
            } catch (SQLException e) {
                throw withoutRowValues(table, e);
            }
        }
    }

    private static void bind(PreparedStatement s, int i, Object value, String table) throws SQLException {
        switch (value) {
            case null -> s.setNull(i, Types.NULL);
            case byte[] bytes -> s.setBytes(i, bytes);
            case Integer v -> s.setLong(i, v);
            case Long v -> s.setLong(i, v);
            case String v -> s.setString(i, v);
            default -> throw new IllegalStateException(
                    "unexpected " + value.getClass().getSimpleName() + " in " + table + ": not copied");
        }
    }

    /**
     * The failure, naming the table, with the first line of the server's reason only: PostgreSQL's detail and a
     * failed batch's message may quote the row, and rows hold root keys.
     */
    private static SQLException withoutRowValues(String table, SQLException e) {
        SQLException reason = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        String m = reason.getMessage() == null ? reason.getClass().getSimpleName()
                : reason.getMessage().lines().findFirst().orElse("");
        return new SQLException("copying " + table + " failed: " + m, reason.getSQLState(), e);
    }

    private static long sameCount(Connection source, Connection target, String table) throws SQLException {
        long expected = count(source, table);
        long copied = count(target, table);
        if (copied != expected) {
            throw new IllegalStateException(table + ": " + copied + " rows on the target, " + expected
                    + " on the source: nothing was copied");
        }
        return copied;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
