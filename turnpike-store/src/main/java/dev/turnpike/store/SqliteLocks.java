package dev.turnpike.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Another process holding a SQLite file's lock, told apart from other failures so that opening the file says so:
 * which file, that another process holds it, and what to do. (SQLite locks with POSIX record locks, which every
 * SQLite on the machine honours, and waits {@link #WAIT_SECONDS} for them.)
 */
final class SqliteLocks {

    /** How long a statement waits for another connection's lock ({@code busy_timeout}). */
    static final int WAIT_SECONDS = 5;

    private SqliteLocks() {}

    /**
     * Takes the write lock and lets it go at once: if another process keeps it, the start fails now, with a clear
     * message, instead of every request that writes failing later. Closes {@code database} when it fails.
     */
    static void requireWritable(Database database, Path file) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            database.close();
            throw explained(e, file);
        }
    }

    /** {@code e} as a {@link DatabaseUnavailableException} naming {@code file} if a lock is behind it. */
    static RuntimeException explained(Exception e, Path file) {
        if (heldByAnother(e)) {
            return new DatabaseUnavailableException("SQLite database " + file.toAbsolutePath()
                    + " is locked by another process (waited " + WAIT_SECONDS + " s; stop the other program using"
                    + " it, e.g. another turnpike on the same file or an open sqlite3 transaction, or give this"
                    + " gateway a data_dir of its own)", e);
        }
        return e instanceof RuntimeException r ? r : new DatabaseUnavailableException("SQLite database "
                + file.toAbsolutePath() + " cannot be used", e);
    }

    /** Whether SQLite answered busy or locked somewhere along the cause chain (Flyway and the pool wrap it). */
    private static boolean heldByAnother(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                int primary = s.getResultCode().code & 0xff; // extended codes keep the primary one in the low byte
                return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
            }
        }
        return false;
    }
}
