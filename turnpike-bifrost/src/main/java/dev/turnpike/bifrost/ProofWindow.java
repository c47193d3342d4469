package dev.turnpike.bifrost;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a signed request is "made now", and once: its time must lie within {@code maxAge} before now and
 * {@code maxAhead} after it, and its identity (signing key and nonce) must not have been accepted before within that
 * window. Shared by proofs of possession ({@link PopVerifier}) and revocation requests ({@link RevocationVerifier}),
 * so both have the same window and one replay cache.
 */
final class ProofWindow {
    private final Duration maxAge;
    private final Duration maxAhead;
    private final ReplayCache replays;

    /** @throws IllegalArgumentException if {@code maxAge} or {@code maxAhead} is not within 0..1 day */
    ProofWindow(Duration maxAge, Duration maxAhead, ReplayCache replays) {
        this.maxAge = checked(maxAge, "maxAge");
        this.maxAhead = checked(maxAhead, "maxAhead");
        this.replays = Objects.requireNonNull(replays, "replays");
    }

    private static Duration checked(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.compareTo(TimePolicy.MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException(name + " must be within 0.." + TimePolicy.MAX_CLOCK_SKEW + ": " + d);
        }
        return d;
    }

    /** {@link Reason#PROOF_STALE} if {@code issuedAt} (named {@code claim} in the message) is not within the window. */
    void checkTime(String claim, Instant issuedAt, Instant now) throws Refusal {
        if (issuedAt.isBefore(now.minus(maxAge))) {
            throw new Refusal(Reason.PROOF_STALE, claim + " " + issuedAt + " is " + Duration.between(issuedAt, now)
                    + " before now, more than the " + maxAge + " accepted");
        }
        if (issuedAt.isAfter(now.plus(maxAhead))) {
            throw new Refusal(Reason.PROOF_STALE, claim + " " + issuedAt + " is " + Duration.between(now, issuedAt)
                    + " after now, more than the " + maxAhead + " accepted");
        }
    }

    /**
     * {@link Reason#PROOF_REPLAYED} if {@code id} (the signing key and the nonce: a nonce chosen by another key cannot
     * block this one) was accepted before; {@link Reason#PROOF_REPLAY_UNCHECKED} if the cache is full. Call it last,
     * so only requests that pass every other check are remembered.
     */
    void checkReplay(String id, String nonceName, String nonce, Instant issuedAt) throws Refusal {
        switch (replays.firstUse(id, issuedAt.plus(maxAge))) {
            case FIRST -> { }
            case REPLAYED -> throw new Refusal(Reason.PROOF_REPLAYED, "the " + nonceName + " " + Texts.quote(nonce)
                    + " was used before");
            case FULL -> throw new Refusal(Reason.PROOF_REPLAY_UNCHECKED, "the replay cache is full");
        }
    }
}
