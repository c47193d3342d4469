package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionId;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.store.api.SessionStore;
import dev.turnpike.store.api.SessionStore.PurgedSessions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} does, whatever its database: each store's test extends this. */
abstract class SessionStoreContract extends PortContract<SessionStore> {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123Z");
    private final SecureRandom random = new SecureRandom();

    private SessionStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    private Session.Stored pending(Duration lifetime) throws Exception {
        Attributes asked = Attributes.parse("{\"name\":\"Test Application\",\"permissions\":{\"scopes\":[\"read:meter\"]}}");
        return Session.open(Ed25519KeyPair.generate(random).publicKey(), asked, T0, lifetime, random)
                .session().toStored();
    }

    /** The same session, approved with a stand-in token (the store does not verify tokens). */
    private static Session.Stored approved(Session.Stored s, String token) {
        return new Session.Stored(s.id(), s.pollTokenHash(), s.confirmationCode(), s.request(), s.createdAt(),
                s.expiresAt(), SessionState.APPROVED, Optional.of(token));
    }

    private static Session.Stored in(Session.Stored s, SessionState state) {
        return new Session.Stored(s.id(), s.pollTokenHash(), s.confirmationCode(), s.request(), s.createdAt(),
                s.expiresAt(), state, Optional.empty());
    }

    @Test
    void aSessionIsFoundWithAllItsFieldsAfterARestartAndOnlyByItsId() throws Exception {
        Session.Stored s = pending(Duration.ofMinutes(3));
        store.create(s, "192.0.2.7");
        closeAll();
        SessionStore restarted = open();
        assertThat(restarted.find(s.id()).orElseThrow()).isEqualTo(s);
        assertThat(restarted.find(SessionId.generate(random))).isEmpty();
    }

    @Test
    void aReplacementHappensOnlyFromTheStoredStateAndBeforeExpiry() throws Exception {
        Session.Stored s = pending(Duration.ofMinutes(3));
        store.create(s, "192.0.2.7");
        Instant t1 = T0.plusSeconds(10);
        Session.Stored approved = approved(s, "jws");
        assertThat(store.replace(approved, in(s, SessionState.CONSUMED), t1)).as("not approved yet").isFalse();
        assertThat(store.replace(s, approved, t1)).isTrue();
        assertThat(store.replace(s, approved(s, "other"), t1)).as("second approval").isFalse();
        assertThat(store.find(s.id()).orElseThrow()).isEqualTo(approved);

        assertThat(store.replace(approved, in(s, SessionState.CONSUMED), s.expiresAt())).as("at expiry").isFalse();
        assertThat(store.replace(approved, in(s, SessionState.CONSUMED), t1)).isTrue();
        assertThat(store.find(s.id()).orElseThrow().token()).as("the token is dropped once fetched").isEmpty();
    }

    @Test
    void aSessionOpenedOnOneGatewayIsApprovedThroughASecondAndReadOnAThird() throws Exception {
        Session.Stored s = pending(Duration.ofMinutes(3));
        store.create(s, "192.0.2.7");
        SessionStore second = open();
        SessionStore third = open();
        assertThat(second.replace(second.find(s.id()).orElseThrow(), approved(s, "jws"), T0.plusSeconds(1)))
                .isTrue();
        assertThat(third.find(s.id()).orElseThrow()).isEqualTo(approved(s, "jws"));
        assertThat(store.find(s.id()).orElseThrow().state()).as("not from a stale cache")
                .isEqualTo(SessionState.APPROVED);
    }

    @Test
    void ofManyRacingApprovalsFromTwoGatewaysExactlyOneWins() throws Exception {
        List<SessionStore> gateways = List.of(store, open());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                Session.Stored s = pending(Duration.ofMinutes(3));
                store.create(s, "192.0.2.7");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    SessionStore g = gateways.get(i % 2);
                    Session.Stored next = approved(s, "token-" + i);
                    Callable<Boolean> approve = () -> {
                        go.await();
                        return g.replace(s, next, T0);
                    };
                    attempts.add(pool.submit(approve));
                }
                go.countDown();
                List<String> winners = new ArrayList<>();
                for (int i = 0; i < attempts.size(); i++) {
                    if (attempts.get(i).get()) {
                        winners.add("token-" + i);
                    }
                }
                assertThat(winners).hasSize(1);
                assertThat(store.find(s.id()).orElseThrow().token()).hasValue(winners.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgingDeletesOnlySessionsExpiredBeforeTheGivenTime() throws Exception {
        Session.Stored old = pending(Duration.ofSeconds(60));
        Session.Stored fresh = pending(Duration.ofSeconds(600));
        store.create(old, "192.0.2.7");
        store.create(fresh, "192.0.2.7");
        assertThat(store.purgeExpiredBefore(T0.plusSeconds(60))).isEqualTo(PurgedSessions.NONE);
        assertThat(store.purgeExpiredBefore(T0.plusSeconds(61))).isEqualTo(new PurgedSessions(1, 1));
        assertThat(store.find(old.id())).isEmpty();
        assertThat(store.find(fresh.id())).isPresent();
    }

    @Test
    void aPurgeCountsTheSessionsNobodyDecidedOnAndTwoGatewaysNeverCountOneTwice() throws Exception {
        Session.Stored undecided = pending(Duration.ofSeconds(60));
        Session.Stored approved = pending(Duration.ofSeconds(60));
        Session.Stored denied = pending(Duration.ofSeconds(60));
        for (Session.Stored s : List.of(undecided, approved, denied)) {
            store.create(s, "192.0.2.7");
        }
        assertThat(store.replace(approved, approved(approved, "jws"), T0)).isTrue();
        assertThat(store.replace(denied, in(denied, SessionState.DENIED), T0)).isTrue();

        SessionStore other = open();
        PurgedSessions first = store.purgeExpiredBefore(T0.plusSeconds(3600));
        PurgedSessions second = other.purgeExpiredBefore(T0.plusSeconds(3600));
        assertThat(first.sessions() + second.sessions()).isEqualTo(3);
        assertThat(first.undecided() + second.undecided()).isEqualTo(1);
    }
}
