package dev.turnpike.client.token;

import java.util.Optional;

/**
 * Where the client keeps one token per origin: a <em>pending</em> one (persisted before paying, so that a crash
 * between paying and storing can be resumed) or a <em>paid</em> one (macaroon and preimage).
 *
 * <p>{@link #load} may be called without the lock (writes must be atomic); every read-modify-write of an origin
 * happens under {@link #lock(Origin)}, which must exclude other threads and, for stores shared between processes,
 * other processes.
 */
public interface TokenStore {

    /** The origin's token, if any; a corrupt entry is reported as absent (with a warning), never as an error. */
    Optional<StoredToken> load(Origin origin) throws TokenStoreException;

    /** Replaces the origin's token atomically. */
    void save(StoredToken token) throws TokenStoreException;

    /** Forgets the origin's token; nothing happens if there is none. */
    void remove(Origin origin) throws TokenStoreException;

    /** Waits for the origin's exclusive lock. */
    OriginLock lock(Origin origin) throws TokenStoreException, InterruptedException;

    /** A held origin lock; {@link #close()} releases it. */
    interface OriginLock extends AutoCloseable {
        @Override
        void close() throws TokenStoreException;
    }
}
