package dev.turnpike.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.turnpike.io.PrivateFiles;
import dev.turnpike.store.api.ChangeFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open, migrated database, SQLite or PostgreSQL: the one place that knows how to reach it. Close it to release
 * the file and its connections.
 */
public final class Database implements AutoCloseable {

    /** How long to wait for PostgreSQL to accept a new connection. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    /** The application name of the connection that LISTENs for the other gateways' changes. */
    static final String LISTENER_NAME = "turnpike-listen";

    /** How often the gateways on one PostgreSQL reload what they keep in memory, in case a change was missed. */
    private static final Duration RESYNC_EVERY = Duration.ofSeconds(30);

    /** How long a statement waits for a pooled PostgreSQL connection (the server down, or all of them busy). */
    private static final long POOL_WAIT_MILLIS = 3_000;

    /** How long writes fail at once after PostgreSQL could not be reached, before the next try. */
    private static final long FAIL_FAST_MILLIS = 2_000;

    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final PostgresChangeFeed changes;

    private Database(HikariDataSource pool, Dialect dialect, PostgresChangeFeed changes) {
        this.pool = pool;
        this.dataSource = dialect == Dialect.POSTGRES ? new FailFastDataSource(pool, FAIL_FAST_MILLIS) : pool;
        this.dialect = dialect;
        this.changes = changes;
    }

    /**
     * Opens (creating if absent) a SQLite file in WAL mode and applies the migrations.
     *
     * <p>The file is created owner-only (0600), and refused when it is open to other users. WAL lets readers run
     * beside the single writer; {@code busy_timeout} makes a writer wait for the lock instead of failing at once
     * under contention: {@value SqliteLocks#WAIT_SECONDS} s, ample for the gateway's own writes (milliseconds each),
     * and what a request waits before its 503 when another process holds the lock.
     *
     * @throws DatabaseUnavailableException if another process holds the file's lock for all that wait: the message
     *     names the file and what to do
     */
    public static Database sqlite(Path file) {
        try {
            // owner-only before SQLite opens it: its -wal and -shm files take the database file's permissions
            PrivateFiles.createIfAbsent(file);
            PrivateFiles.requireOwnerOnly(file, "the database"); // it holds the root keys: whoever reads it mints
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(SqliteLocks.WAIT_SECONDS * 1_000);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource raw = new SQLiteDataSource(sqlite);
        raw.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig config = new HikariConfig();
        config.setDataSource(raw);
        config.setPoolName("turnpike-sqlite");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        try {
            Database database = migrated(config, Dialect.SQLITE, pool -> null);
            SqliteLocks.requireWritable(database, file);
            return database;
        } catch (RuntimeException e) {
            throw SqliteLocks.explained(e, file);
        }
    }

    /**
     * Connects to PostgreSQL and applies its migrations (under Flyway's lock, so gateways starting together
     * migrate once).
     *
     * @param jdbcUrl {@code jdbc:postgresql://host[:port]/database[?parameters]}, without credentials
     * @param poolSize the most connections this gateway holds
     * @throws DatabaseUnavailableException if PostgreSQL cannot be reached or refuses the login: the message names
     *     the server and the database, never the password
     */
    public static Database postgres(String jdbcUrl, Optional<String> user, Optional<String> password, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be positive: " + poolSize);
        }
        PGSimpleDataSource raw = postgresSource(jdbcUrl, user, password, "turnpike");
        try {
            raw.getConnection().close(); // reachable, and the login accepted: a clear error now, not the pool's
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("PostgreSQL at " + withoutParameters(jdbcUrl) + " cannot be used", e);
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(raw);
        config.setPoolName("turnpike-postgres");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(POOL_WAIT_MILLIS);
        return migrated(config, Dialect.POSTGRES,
                pool -> new PostgresChangeFeed(pool, postgresSource(jdbcUrl, user, password, LISTENER_NAME), RESYNC_EVERY));
    }

    private static PGSimpleDataSource postgresSource(String jdbcUrl, Optional<String> user, Optional<String> password,
            String applicationName) {
        PGSimpleDataSource raw = new PGSimpleDataSource();
        raw.setURL(jdbcUrl);
        user.ifPresent(raw::setUser);
        password.ifPresent(raw::setPassword);
        raw.setApplicationName(applicationName);
        raw.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        raw.setTcpKeepAlive(true);
        return raw;
    }

    /** The URL up to its parameters, which are the driver's business (and where a password might hide). */
    private static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static Database migrated(HikariConfig config, Dialect dialect,
            Function<DataSource, PostgresChangeFeed> changes) {
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations(dialect.migrations())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect, changes.apply(pool));
    }

    /** The pool; on PostgreSQL, one that fails at once for a moment after the server could not be reached. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The changes other gateways on this database make ({@link ChangeFeed#NONE} on SQLite, which no other gateway
     * shares). Subscribe, then {@link #listenForChanges}.
     */
    public ChangeFeed changeFeed() {
        return changes == null ? ChangeFeed.NONE : changes;
    }

    /** Starts hearing the other gateways' changes, once every subscriber is in place (it resyncs first). */
    public void listenForChanges() {
        if (changes != null) {
            changes.start();
        }
    }

    /** Tells the other gateways on this database about a change just committed (nothing to do on SQLite). */
    void announce(ChangeFeed.Topic topic, String key) {
        if (changes != null) {
            changes.announce(topic, key);
        }
    }

    /** The SQL that differs between SQLite and PostgreSQL. */
    Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        if (changes != null) {
            changes.close();
        }
        pool.close();
    }
}
