package dev.turnpike.gateway.bifrost;

import dev.turnpike.bifrost.session.SessionId;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 8628's polling discipline: an application that polls a pending session again sooner than the interval
 * (less 20 % for network jitter) is told {@code slow_down}. Remembers the last poll per session, at most
 * {@value #MAX_SESSIONS} sessions (stale entries are dropped first).
 */
final class PollPacer {

    static final int MAX_SESSIONS = 100_000;

    private final long minimumMillis;
    private final ConcurrentHashMap<SessionId, Long> lastPoll = new ConcurrentHashMap<>();

    PollPacer(Duration interval) {
        this.minimumMillis = interval.toMillis() * 4 / 5;
    }

    /** Records a poll at {@code nowMillis}; false if it came too soon after the previous one. */
    boolean admit(SessionId id, long nowMillis) {
        if (lastPoll.size() >= MAX_SESSIONS) {
            lastPoll.values().removeIf(t -> nowMillis - t >= minimumMillis);
        }
        Long previous = lastPoll.put(id, nowMillis);
        return previous == null || nowMillis - previous >= minimumMillis;
    }

    void forget(SessionId id) {
        lastPoll.remove(id);
    }
}
