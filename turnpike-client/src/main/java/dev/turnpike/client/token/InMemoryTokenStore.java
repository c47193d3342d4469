package dev.turnpike.client.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Tokens in memory, for tests and short-lived embedding; locks are per origin, in this process only. */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<Origin, StoredToken> tokens = new ConcurrentHashMap<>();
    private final Map<Origin, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredToken> load(Origin origin) {
        return Optional.ofNullable(tokens.get(origin));
    }

    @Override
    public void save(StoredToken token) {
        tokens.put(token.origin(), token);
    }

    @Override
    public void remove(Origin origin) {
        tokens.remove(origin);
    }

    @Override
    public OriginLock lock(Origin origin) throws InterruptedException {
        ReentrantLock lock = locks.computeIfAbsent(origin, o -> new ReentrantLock());
        lock.lockInterruptibly();
        return lock::unlock;
    }
}
