package dev.turnpike.store.api;

import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionId;
import dev.turnpike.l402.StoreException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where Bifrost sessions live, shared by every gateway that uses the same database. Sessions are kept under the
 * SHA-256 of their id ({@link SessionId#hashed()}) with the poll token's hash, never the secrets themselves; the
 * wallet's token only while the session is approved. {@link #replace} is compare-and-set, so the first approval
 * wins across threads and across gateways.
 *
 * <p>Timeouts and failures: every method may block on the database (callers run it off the event loop); it returns
 * within the store's own bounds (pool checkout and lock wait, 10 s each for SQLite) or throws {@link StoreException},
 * which the API answers 503. A method that throws has changed nothing it reports; callers do not retry on their
 * own. Thread-safe.
 */
public interface SessionStore {

    /** Saves a new session, opened from {@code creatorIp}. */
    void create(Session.Stored session, String creatorIp) throws StoreException;

    /** The session with this id, whatever its state, until it is purged. */
    Optional<Session.Stored> find(SessionId id) throws StoreException;

    /**
     * Makes {@code next} the stored session if, and only if, the stored one is still in {@code current}'s state and
     * not past its expiry at {@code now}. True if this call made the change: of two concurrent calls from the same
     * state, exactly one returns true.
     */
    boolean replace(Session.Stored current, Session.Stored next, Instant now) throws StoreException;

    /**
     * Deletes the sessions that expired before {@code before}: each is deleted by exactly one call, however many
     * gateways purge at once.
     */
    PurgedSessions purgeExpiredBefore(Instant before) throws StoreException;

    /**
     * What a purge deleted.
     *
     * @param sessions  every session deleted
     * @param undecided those still pending when they expired: nobody approved, denied or cancelled them
     */
    record PurgedSessions(int sessions, int undecided) {
        public static final PurgedSessions NONE = new PurgedSessions(0, 0);
    }
}
