package dev.turnpike.gateway.ratelimit;

import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key in a bounded map. A full bucket is the same as no bucket, so eviction drops
 * full (idle) buckets first; if that is not enough, arbitrary ones (they restart full: a lenient error).
 */
final class TokenBucketLimiter<K> implements Limiter<K> {

    private final double perMilli;
    private final int burst;
    private final Clock clock;
    private final int maxKeys;
    private final ConcurrentHashMap<K, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBucketLimiter(RateLimit limit, Clock clock, int maxKeys) {
        this.perMilli = limit.permitsPerSecond() / 1000.0;
        this.burst = limit.burst();
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    @Override
    public long tryAcquire(K key) {
        long now = clock.millis();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                evict(now);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        return bucket.take(now);
    }

    private void evict(long now) {
        buckets.values().removeIf(b -> b.isFull(now));
        Iterator<K> it = buckets.keySet().iterator();
        while (buckets.size() > maxKeys * 3 / 4 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (now - last) * perMilli);
                last = now;
            }
        }
    }
}
