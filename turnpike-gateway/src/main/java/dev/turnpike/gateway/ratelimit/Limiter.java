package dev.turnpike.gateway.ratelimit;

import java.time.Clock;

/** Admits or refuses one request for a key. Thread-safe. */
@FunctionalInterface
public interface Limiter<K> {

    /** Takes a permit for {@code key}: 0 if admitted, else the milliseconds until one is free. */
    long tryAcquire(K key);

    /**
     * A limiter for {@code limit}: a no-op for {@link RateLimit#unlimited()}, else token buckets per key,
     * at most {@code maxKeys} of them (idle buckets are evicted first).
     */
    static <K> Limiter<K> of(RateLimit limit, Clock clock, int maxKeys) {
        return limit.isUnlimited() ? key -> 0 : new TokenBucketLimiter<>(limit, clock, maxKeys);
    }
}
