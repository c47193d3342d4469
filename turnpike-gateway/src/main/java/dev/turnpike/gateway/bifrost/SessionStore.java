package dev.turnpike.gateway.bifrost;

import dev.turnpike.l402.StoreException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where Bifrost sessions live, shared by every gateway that uses the same database: state changes are
 * compare-and-set, so the first approval wins across threads and across gateways.
 *
 * <p>Timeouts and failures: every method may block on the database (the caller runs it off the event loop); it
 * returns within the store's own bounds (pool checkout and lock wait, 10 s each for the SQLite store) or throws
 * {@link StoreException}, which the API answers 503. A method that throws has changed nothing it reports; callers
 * do not retry on their own. Thread-safe.
 */
public interface SessionStore {

    /** Saves a new session. */
    void create(StoredSession session) throws StoreException;

    /** The session stored under {@code key}, whatever its state, until it is purged. */
    Optional<StoredSession> find(SessionKey key) throws StoreException;

    /**
     * Moves the session from {@code from} to {@code to} if, and only if, it is in {@code from} and not past its
     * expiry at {@code now}; sets the token to {@code token} (null drops it). True if this call made the change:
     * of two concurrent calls from the same state, exactly one returns true.
     */
    boolean transition(SessionKey key, SessionState from, SessionState to, String token, Instant now)
            throws StoreException;

    /** Deletes the sessions that expired before {@code before}; returns how many. */
    int purgeExpiredBefore(Instant before) throws StoreException;
}
