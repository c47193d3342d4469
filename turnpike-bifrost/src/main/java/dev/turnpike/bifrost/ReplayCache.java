package dev.turnpike.bifrost;

import java.time.Instant;

/**
 * Remembers the proofs of possession already accepted, so that each is accepted once: {@link PopVerifier} asks it
 * last, for a proof that passed every other check, with the proof's identity (its key and {@code jti}) and the time
 * until which the proof would be accepted anyway. After that time the entry can go: the proof is stale by then.
 * Implementations are thread-safe and do no I/O on the caller's thread; {@link InMemoryReplayCache} is the one
 * here. A shared one (several gateways, one store) would implement the same contract.
 */
public interface ReplayCache {

    /** What {@link #firstUse} found. */
    enum Use {
        /** Not seen before: now remembered until the given time. */
        FIRST,
        /** Seen before, and still within its time: a replay. */
        REPLAYED,
        /** The cache cannot remember more right now: the proof cannot be checked for replay, so it is refused. */
        FULL
    }

    /**
     * Records {@code id} if it is new.
     *
     * @param id        the proof's identity, at most a few hundred characters
     * @param keepUntil until when it must be remembered (the end of the proof's acceptance window)
     */
    Use firstUse(String id, Instant keepUntil);
}
