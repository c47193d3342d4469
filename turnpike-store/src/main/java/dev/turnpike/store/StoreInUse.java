package dev.turnpike.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a gateway has a store open, so that a copy taken now would miss what it writes next. Both checks refuse
 * at once rather than wait.
 */
public final class StoreInUse {

    private StoreInUse() {}

    /**
     * Refuses a SQLite file that another connection has open: in WAL mode every open connection holds a shared lock
     * on the file, so taking its exclusive lock fails while a gateway runs on it. Nothing to check if it is absent.
     *
     * @param which "source" or "target", for the message
     * @throws CopyRefusedException if the file is open elsewhere
     */
    public static void refuseOpenSqlite(Path file, String which) throws SQLException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY")) {
                throw new CopyRefusedException(CopyRefusedException.Reason.IN_USE, "the " + which + " " + file
                        + " is open in another process (a running gateway?): stop it first");
            }
            throw e;
        }
    }

    /**
     * Refuses a PostgreSQL database that a gateway is running on: every running gateway holds a connection that
     * listens for the others' changes, under its own application name.
     */
    static void refuseListeningGateways(Connection c, Dialect dialect, String which) throws SQLException {
        if (dialect != Dialect.POSTGRES) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, Database.LISTENER_NAME);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long gateways = r.getLong(1);
                if (gateways > 0) {
                    throw new CopyRefusedException(CopyRefusedException.Reason.IN_USE, "the " + which + " database is in use by "
                            + gateways + (gateways == 1 ? " running gateway" : " running gateways") + ": stop them first");
                }
            }
        }
    }
}
