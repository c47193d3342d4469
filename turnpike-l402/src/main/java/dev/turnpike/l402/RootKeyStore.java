package dev.turnpike.l402;

import dev.turnpike.l402.macaroon.RootKey;
import java.util.Optional;

/**
 * Looks up a token's root key by {@code sha256(identifier)} (aperture's {@code GetSecret}). Owned by the
 * verifier; implemented by a storage module. Must be thread-safe. Caching {@link RootKey} objects is
 * recommended: a {@code RootKey} caches its derived HMAC key.
 */
@FunctionalInterface
public interface RootKeyStore {
    /**
     * @return the key, or empty if none is stored (the verifier reports {@link Reason#UNKNOWN_TOKEN})
     * @throws StoreException if the backend failed (reported as {@link Reason#BACKEND_UNAVAILABLE})
     */
    Optional<RootKey> find(RootKeyId id) throws StoreException;
}
