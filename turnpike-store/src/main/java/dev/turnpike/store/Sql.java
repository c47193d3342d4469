package dev.turnpike.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.turnpike.l402.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One statement, or one transaction, on a pooled connection; any SQL failure becomes a {@link StoreException} saying
 * what failed.
 */
final class Sql {

    interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    interface RowReader {
        void read(ResultSet r) throws SQLException;
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    static final Binder NO_PARAMETERS = s -> {};

    private Sql() {}

    /** @return the number of rows changed */
    static int update(DataSource dataSource, String failure, String sql, Binder binder) throws StoreException {
        try (Connection c = dataSource.getConnection()) {
            return update(c, sql, binder);
        } catch (SQLException e) {
            throw new StoreException(failure, e);
        }
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    static void transaction(DataSource dataSource, String failure, Work work) throws StoreException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // the pool sets it back when the connection returns
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                    evict(dataSource, c, e);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(failure, e);
        }
    }

    /**
     * Takes a connection whose transaction could not be rolled back out of the pool: its state is unknown (SQLite,
     * for one, rolls back by itself on a full disk, and its driver then refuses the rollback and every later
     * transaction on that connection).
     */
    private static void evict(DataSource dataSource, Connection c, Exception failure) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(c);
            } else {
                c.close();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** One statement of a {@link #transaction}. @return the number of rows changed */
    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        }
    }

    static void query(DataSource dataSource, String failure, String sql, Binder binder, RowReader reader)
            throws StoreException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reader.read(r);
                }
            }
        } catch (SQLException e) {
            throw new StoreException(failure, e);
        }
    }
}
