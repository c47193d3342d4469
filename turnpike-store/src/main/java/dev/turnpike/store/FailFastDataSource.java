package dev.turnpike.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool, failing fast while the database is down: once a connection could not be made (the pool timed out and
 * says why), every request for one in the next {@code pause} fails at once instead of waiting out the pool's
 * timeout, so that what must write answers 503 promptly and the threads that write are not all held waiting. A pool
 * that is merely busy (a timeout with no connection failure behind it) does not trip it.
 */
final class FailFastDataSource implements DataSource {
    private final DataSource pool;
    private final long pauseNanos;
    private volatile long downUntil = System.nanoTime();

    FailFastDataSource(DataSource pool, long pauseMillis) {
        this.pool = pool;
        this.pauseNanos = pauseMillis * 1_000_000;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (downUntil - System.nanoTime() > 0) {
            throw new SQLTransientConnectionException("the database was unreachable moments ago; trying again shortly");
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            if (e.getCause() != null) { // the pool could not connect, as opposed to all connections being in use
                downUntil = System.nanoTime() + pauseNanos;
            }
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool has its own credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
