package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public keys already found valid, by base58 text, so that a returning wallet's key is not validated again (a full
 * point validation costs about as much as a signature check). Bounded: when full it starts afresh, which costs
 * validations, never a wrong answer. Thread-safe.
 */
final class ValidatedKeys {

    private final int capacity;
    private final ConcurrentHashMap<String, Ed25519PublicKey> keys = new ConcurrentHashMap<>();

    ValidatedKeys(int capacity) {
        this.capacity = capacity;
    }

    /** The key with this text if it was remembered; null otherwise. */
    Ed25519PublicKey get(String base58) {
        return keys.get(base58);
    }

    /** Remembers {@code key}; a key already remembered changes nothing (a full set is not cleared for it). */
    void remember(Ed25519PublicKey key) {
        String text = key.toBase58();
        if (keys.containsKey(text)) {
            return;
        }
        if (keys.size() >= capacity) {
            keys.clear();
        }
        keys.put(text, key);
    }
}
