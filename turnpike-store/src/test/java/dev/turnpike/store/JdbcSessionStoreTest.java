package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.bifrost.SessionKey;
import dev.turnpike.gateway.bifrost.SessionState;
import dev.turnpike.gateway.bifrost.StoredSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSessionStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123Z");
    private final Random random = new Random(5);

    @TempDir
    Path dir;

    private Database db;
    private JdbcSessionStore store;

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("turnpike.db"));
        store = new JdbcSessionStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private StoredSession pending(Instant expiresAt) {
        byte[] key = new byte[32];
        byte[] poll = new byte[32];
        random.nextBytes(key);
        random.nextBytes(poll);
        return new StoredSession(SessionKey.of(key), "5LubpwhZzwkKW49a2b5GwfFJdep1xtMDsuVeMGeBvJfx",
                "{\"name\":\"Test Application\",\"nonce\":\"abc\"}", "BCDF-GHJK", poll, SessionState.PENDING, null, T0,
                expiresAt, T0, "127.0.0.1");
    }

    @Test
    void aSessionIsFoundWithAllItsFieldsAfterARestart() throws Exception {
        StoredSession s = pending(T0.plusSeconds(180));
        store.create(s);
        db.close();
        db = Database.sqlite(dir.resolve("turnpike.db"));
        StoredSession found = new JdbcSessionStore(db).find(s.key()).orElseThrow();
        assertThat(found).usingRecursiveComparison().isEqualTo(s);
        assertThat(new JdbcSessionStore(db).find(pending(T0).key())).isEmpty();
    }

    @Test
    void aTransitionHappensOnlyFromTheExpectedStateAndBeforeExpiry() throws Exception {
        StoredSession s = pending(T0.plusSeconds(180));
        store.create(s);
        Instant t1 = T0.plusSeconds(10);
        assertThat(store.transition(s.key(), SessionState.APPROVED, SessionState.CONSUMED, null, t1)).isFalse();
        assertThat(store.transition(s.key(), SessionState.PENDING, SessionState.APPROVED, "jws", t1)).isTrue();
        assertThat(store.transition(s.key(), SessionState.PENDING, SessionState.APPROVED, "other", t1)).isFalse();
        StoredSession approved = store.find(s.key()).orElseThrow();
        assertThat(approved.state()).isEqualTo(SessionState.APPROVED);
        assertThat(approved.approvedToken()).hasValue("jws");
        assertThat(approved.updatedAt()).isEqualTo(t1);

        assertThat(store.transition(s.key(), SessionState.APPROVED, SessionState.CONSUMED, null, T0.plusSeconds(180)))
                .as("at expiry").isFalse();
        assertThat(store.transition(s.key(), SessionState.APPROVED, SessionState.CONSUMED, null, t1)).isTrue();
        assertThat(store.find(s.key()).orElseThrow().approvedToken()).as("the token is dropped once fetched").isEmpty();
    }

    @Test
    void ofManyRacingApprovalsFromTwoGatewaysExactlyOneWins() throws Exception {
        try (Database second = Database.sqlite(dir.resolve("turnpike.db"))) {
            List<JdbcSessionStore> gateways = List.of(store, new JdbcSessionStore(second));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 20; round++) {
                    StoredSession s = pending(T0.plusSeconds(180));
                    store.create(s);
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> attempts = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        JdbcSessionStore g = gateways.get(i % 2);
                        String token = "token-" + i;
                        Callable<Boolean> approve = () -> {
                            go.await();
                            return g.transition(s.key(), SessionState.PENDING, SessionState.APPROVED, token, T0);
                        };
                        attempts.add(pool.submit(approve));
                    }
                    go.countDown();
                    int wins = 0;
                    String winner = null;
                    for (int i = 0; i < attempts.size(); i++) {
                        if (attempts.get(i).get()) {
                            wins++;
                            winner = "token-" + i;
                        }
                    }
                    assertThat(wins).isEqualTo(1);
                    assertThat(store.find(s.key()).orElseThrow().approvedToken()).hasValue(winner);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void purgingDeletesOnlySessionsExpiredBeforeTheGivenTime() throws Exception {
        StoredSession old = pending(T0.plusSeconds(60));
        StoredSession fresh = pending(T0.plusSeconds(600));
        store.create(old);
        store.create(fresh);
        assertThat(store.purgeExpiredBefore(T0.plusSeconds(60))).isZero();
        assertThat(store.purgeExpiredBefore(T0.plusSeconds(61))).isEqualTo(1);
        assertThat(store.find(old.key())).isEmpty();
        assertThat(store.find(fresh.key())).isPresent();
    }

    @Test
    void aPendingSessionPastItsExpiryReadsAsExpired() {
        StoredSession s = pending(T0.plusSeconds(180));
        assertThat(s.stateAt(T0.plusSeconds(179))).isEqualTo(SessionState.PENDING);
        assertThat(s.stateAt(T0.plusSeconds(180))).isEqualTo(SessionState.EXPIRED);
        assertThat(s.toString()).doesNotContain("5Lubpw");
    }
}
