package dev.turnpike.store;

import dev.turnpike.store.api.ChangeFeed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeFeed} over PostgreSQL's LISTEN/NOTIFY. {@link #announce} sends a change with {@code pg_notify} on the
 * channel {@value #CHANNEL} as {@code <instance> <topic> <key>}; one connection of its own, outside the pool, LISTENs
 * on a daemon thread and hands other instances' changes to the subscribers. When that connection fails it is opened
 * again (after 0.5 s, then up to 5 s apart) and the resync listeners are called, as they are every {@code resyncEvery}
 * and once the first LISTEN is in place. The connection is tested on each resync, so a silent network loss is found.
 */
final class PostgresChangeFeed implements ChangeFeed, AutoCloseable {
    static final String CHANNEL = "turnpike_changes";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
    private static final int WAIT_MILLIS = 250;
    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long LAST_RETRY_MILLIS = 5_000;

    private final DataSource pool;
    private final DataSource listening;
    private final Duration resyncEvery;
    private final String instance = UUID.randomUUID().toString();
    private final Map<Topic, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    PostgresChangeFeed(DataSource pool, DataSource listening, Duration resyncEvery) {
        this.pool = pool;
        this.listening = listening;
        this.resyncEvery = resyncEvery;
        this.thread = Thread.ofPlatform().daemon().name("turnpike-change-feed").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Tells the other instances about a change this one committed. A failure is logged, not thrown: the change is
     * made, and the others' next resync finds it.
     */
    void announce(Topic topic, String key) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, instance + " " + topic.name() + " " + key);
            s.execute();
        } catch (SQLException e) {
            LOG.warn("could not announce a change ({}) to the other gateways: {}; they will see it at their next"
                    + " resync", topic, e.getMessage());
        }
    }

    @Override
    public void subscribe(Topic topic, Consumer<String> listener) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public void onResync(Runnable listener) {
        resyncs.add(listener);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try { // its LISTEN connection is closed when it ends: a closed gateway no longer shows in pg_stat_activity
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long retry = FIRST_RETRY_MILLIS;
        boolean failing = false;
        while (!closed) {
            try (Connection c = listening.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (failing) {
                    LOG.info("listening to the other gateways' changes again");
                }
                failing = false;
                retry = FIRST_RETRY_MILLIS;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    LOG.warn("lost the connection that hears the other gateways' changes ({}); retrying, and"
                            + " resyncing once it is back", e.getMessage());
                }
                failing = true;
                if (!pause(retry)) {
                    return;
                }
                retry = Math.min(retry * 2, LAST_RETRY_MILLIS);
            }
        }
    }

    /** Delivers notifications until the connection fails or the feed is closed; resyncs first and regularly. */
    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextResync = 0;
        while (!closed) {
            if (System.nanoTime() - nextResync >= 0) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                resyncs.forEach(PostgresChangeFeed::safely);
                nextResync = System.nanoTime() + resyncEvery.toNanos();
            }
            PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
            if (received != null) {
                for (PGNotification n : received) {
                    deliver(n.getParameter());
                }
            }
        }
    }

    private void deliver(String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length != 3 || parts[0].equals(instance)) {
            return; // ours (already applied here), or not a Turnpike message
        }
        Topic topic;
        try {
            topic = Topic.valueOf(parts[1]);
        } catch (IllegalArgumentException unknown) {
            return; // from a newer gateway version
        }
        subscribers.getOrDefault(topic, List.of()).forEach(l -> safely(() -> l.accept(parts[2])));
    }

    private static void safely(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warn("a change listener failed: {}", e.toString());
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
