package dev.turnpike.store;

import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.RootKeyStore;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.macaroon.RootKey;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps found root keys in memory so that verifying a known token touches no database. Root keys
 * never change, so a cached key is never stale; a miss is not cached, because another gateway may
 * mint that key a moment later. Bounded: when full, the cache starts over (cheap, and a refill
 * costs one lookup per active token).
 */
public final class CachedRootKeyStore implements RootKeyStore {

    private final RootKeyStore source;
    private final int capacity;
    private final ConcurrentHashMap<RootKeyId, RootKey> cache;

    public CachedRootKeyStore(RootKeyStore source, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.source = source;
        this.capacity = capacity;
        this.cache = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
    }

    @Override
    public Optional<RootKey> find(RootKeyId id) throws StoreException {
        RootKey cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<RootKey> found = source.find(id);
        if (found.isPresent()) {
            if (cache.size() >= capacity) {
                cache.clear();
            }
            cache.put(id, found.get());
        }
        return found;
    }
}
