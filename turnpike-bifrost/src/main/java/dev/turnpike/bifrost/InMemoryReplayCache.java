package dev.turnpike.bifrost;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ReplayCache} in this process's memory, bounded: at most {@code capacity} identities are remembered. Expired
 * ones are dropped when the cache is full (and at most once a second otherwise); if it is still full, new proofs are
 * {@link ReplayCache.Use#FULL} rather than forgetting one that could still be replayed. With the default 65 s window,
 * a capacity of 100,000 holds about 1,500 fresh proofs a second. Thread-safe; the clock is injected.
 */
public final class InMemoryReplayCache implements ReplayCache {
    /** A capacity that suits one gateway. */
    public static final int DEFAULT_CAPACITY = 100_000;
    private static final long PURGE_INTERVAL_MILLIS = 1000;

    private final int capacity;
    private final Clock clock;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final AtomicLong lastPurge = new AtomicLong();

    /** @throws IllegalArgumentException if {@code capacity} is not positive */
    public InMemoryReplayCache(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Use firstUse(String id, Instant keepUntil) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keepUntil, "keepUntil");
        Instant now = clock.instant();
        if (seen.size() >= capacity || now.toEpochMilli() - lastPurge.get() >= PURGE_INTERVAL_MILLIS) {
            lastPurge.set(now.toEpochMilli());
            seen.values().removeIf(until -> until.isBefore(now));
        }
        if (seen.size() >= capacity) {
            return seen.containsKey(id) ? Use.REPLAYED : Use.FULL;
        }
        Instant earlier = seen.putIfAbsent(id, keepUntil);
        if (earlier == null) {
            return Use.FIRST;
        }
        // remembered, but its time is over (not purged yet): a new use
        return earlier.isBefore(now) && seen.replace(id, earlier, keepUntil) ? Use.FIRST : Use.REPLAYED;
    }

    /** How many identities are remembered now (expired ones included until purged). */
    public int size() {
        return seen.size();
    }
}
