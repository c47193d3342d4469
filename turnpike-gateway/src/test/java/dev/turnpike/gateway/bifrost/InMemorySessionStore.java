package dev.turnpike.gateway.bifrost;

import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionId;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.SessionStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions in memory, for the gateway's own tests (the SQLite and PostgreSQL stores pass the port's contract in
 * turnpike-store); after {@link #readsBeforeOutage} reads, every read fails as a database outage would.
 */
final class InMemorySessionStore implements SessionStore {
    final Map<SessionId, Session.Stored> sessions = new ConcurrentHashMap<>();
    final AtomicInteger readsBeforeOutage = new AtomicInteger(Integer.MAX_VALUE);

    @Override
    public void create(Session.Stored session, String creatorIp) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<Session.Stored> find(SessionId id) throws StoreException {
        if (readsBeforeOutage.getAndDecrement() <= 0) {
            throw new StoreException("database unreachable", null);
        }
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public boolean replace(Session.Stored current, Session.Stored next, Instant now) {
        return now.isBefore(current.expiresAt()) && sessions.replace(current.id(), current, next);
    }

    @Override
    public synchronized PurgedSessions purgeExpiredBefore(Instant before) {
        int deleted = 0;
        int undecided = 0;
        for (Session.Stored s : sessions.values()) {
            if (s.expiresAt().isBefore(before) && sessions.remove(s.id(), s)) {
                deleted++;
                undecided += s.state() == SessionState.PENDING ? 1 : 0;
            }
        }
        return new PurgedSessions(deleted, undecided);
    }
}
