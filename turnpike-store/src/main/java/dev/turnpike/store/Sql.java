package dev.turnpike.store;

import dev.turnpike.l402.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One statement on a pooled connection; any SQL failure becomes a {@link StoreException} saying what failed. */
final class Sql {

    interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    interface RowReader {
        void read(ResultSet r) throws SQLException;
    }

    static final Binder NO_PARAMETERS = s -> {};

    private Sql() {}

    /** @return the number of rows changed */
    static int update(DataSource dataSource, String failure, String sql, Binder binder) throws StoreException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(failure, e);
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
