package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.store.api.ChangeFeed.Topic;
import dev.turnpike.store.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The change feed on its own, on a real PostgreSQL: announcements reach the other instances, and the resync, the
 * safety net for what a notification cannot carry, runs when the listening connection comes back after a loss
 * (not only on its timer) and on its timer.
 */
class PostgresChangeFeedTest {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    private final String listener = "turnpike-listen-test-" + UUID.randomUUID();

    @Test
    void anAnnouncementReachesTheOtherInstanceAndNotItself() throws Exception {
        List<String> heardByA = new CopyOnWriteArrayList<>();
        List<String> heardByB = new CopyOnWriteArrayList<>();
        try (PostgresChangeFeed a = feed(Duration.ofMinutes(1)); PostgresChangeFeed b = feed(Duration.ofMinutes(1))) {
            a.subscribe(Topic.TOKEN_REVOCATION, heardByA::add);
            b.subscribe(Topic.TOKEN_REVOCATION, heardByB::add);
            AtomicInteger resyncsOfB = new AtomicInteger();
            b.onResync(resyncsOfB::incrementAndGet);
            a.start();
            b.start();
            await(() -> resyncsOfB.get() >= 1, "B listening"); // the first resync comes once LISTEN is in place
            a.announce(Topic.TOKEN_REVOCATION, "token-1");
            await(() -> heardByB.contains("token-1"), "B hears A's announcement");
            assertThat(heardByA).as("A does not hear itself").isEmpty();
        }
    }

    @Test
    void aLostListeningConnectionIsOpenedAgainAndResyncsAtOnce() throws Exception {
        AtomicInteger resyncs = new AtomicInteger();
        try (PostgresChangeFeed feed = feed(Duration.ofHours(1))) { // the timer cannot be what resyncs here
            feed.onResync(resyncs::incrementAndGet);
            feed.start();
            await(() -> resyncs.get() == 1, "the first resync");
            try (Connection c = DriverManager.getConnection(PG.url(), PG.user(), PG.password());
                    Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                        + listener + "'");
            }
            await(() -> resyncs.get() == 2, "the resync after the connection came back");
        }
    }

    @Test
    void theTimerResyncsWithNoLoss() throws Exception {
        AtomicInteger resyncs = new AtomicInteger();
        try (PostgresChangeFeed feed = feed(Duration.ofMillis(300))) {
            feed.onResync(resyncs::incrementAndGet);
            feed.start();
            await(() -> resyncs.get() >= 3, "three resyncs");
        }
    }

    private PostgresChangeFeed feed(Duration resyncEvery) {
        return new PostgresChangeFeed(source("turnpike-pool-test"), source(listener), resyncEvery);
    }

    private static PGSimpleDataSource source(String applicationName) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(PG.url());
        source.setUser(PG.user());
        source.setPassword(PG.password());
        source.setApplicationName(applicationName);
        return source;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
            Thread.sleep(20);
        }
    }
}
