package dev.turnpike.l402;

import dev.turnpike.l402.macaroon.RootKey;

/** Persists a newly minted token's root key under {@code sha256(identifier)}. Owned by the {@link Minter}. */
@FunctionalInterface
public interface RootKeyWriter {
    /** @throws StoreException if the key could not be stored (the mint fails) */
    void save(RootKeyId id, RootKey key) throws StoreException;
}
