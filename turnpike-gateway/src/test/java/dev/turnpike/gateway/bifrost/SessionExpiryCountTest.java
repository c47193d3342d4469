package dev.turnpike.gateway.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.gateway.config.BifrostConfig;
import dev.turnpike.store.api.SessionStore.PurgedSessions;
import dev.turnpike.testing.MutableClock;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions nobody decided on are counted as {@code expired} once, when the purge deletes them. */
class SessionExpiryCountTest {

    private final SecureRandom random = new SecureRandom();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final List<String> outcomes = new ArrayList<>();
    private final SessionService service = new SessionService(store, BifrostConfig.defaults(true), clock, random,
            outcomes::add);
    private final ClientInfo client = new ClientInfo(InetAddress.getLoopbackAddress(), "test");

    @Test
    void undecidedSessionsAreCountedAsExpiredWhenPurgedAndOnlyThen() throws Exception {
        open();
        open();
        Session denied = open();
        service.deny(denied.id().text(), client);

        assertThat(service.purgeExpired()).as("not expired yet").isEqualTo(PurgedSessions.NONE);
        clock.advance(Duration.ofMinutes(30));
        assertThat(service.purgeExpired()).as("expired, but kept an hour to answer 410")
                .isEqualTo(PurgedSessions.NONE);
        assertThat(outcomes).doesNotContain("expired");

        clock.advance(Duration.ofHours(1));
        assertThat(service.purgeExpired()).isEqualTo(new PurgedSessions(3, 2));
        assertThat(service.purgeExpired()).isEqualTo(PurgedSessions.NONE);
        assertThat(outcomes).filteredOn("expired"::equals).hasSize(2);
    }

    private Session open() throws Exception {
        return service.open(Ed25519KeyPair.generate(random).publicKey().toBase58(), null, client).session();
    }
}
