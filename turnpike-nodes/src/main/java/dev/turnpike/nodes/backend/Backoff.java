package dev.turnpike.nodes.backend;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for reconnecting: the n-th delay is drawn from [d/2, d] where d = initial · 2ⁿ,
 * capped at max, so many gateways restarted together do not reconnect in step. Not thread-safe: one per loop.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private int attempts;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialNanos = Objects.requireNonNull(initial, "initial").toNanos();
        this.maxNanos = Objects.requireNonNull(max, "max").toNanos();
        this.random = Objects.requireNonNull(random, "random");
        if (initialNanos <= 0 || maxNanos < initialNanos) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** The delay before the next attempt; each call doubles the ceiling until {@link #reset()}. */
    public Duration next() {
        long ceiling = attempts >= 62 ? maxNanos : Math.min(maxNanos, initialNanos << Math.min(attempts, 40));
        if (ceiling < 0) {
            ceiling = maxNanos;
        }
        attempts++;
        long half = ceiling / 2;
        return Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
    }

    /** After a success: the next failure waits the initial delay again. */
    public void reset() {
        attempts = 0;
    }
}
