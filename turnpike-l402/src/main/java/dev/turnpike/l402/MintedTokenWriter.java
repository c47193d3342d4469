package dev.turnpike.l402;

/**
 * Stores a token the {@link Minter} just made, before its challenge goes out: at least its root key, and whatever
 * else the caller keeps of each token (a ledger row), in one write, so that no token is verifiable yet unknown to the
 * books, or the other way round.
 */
@FunctionalInterface
public interface MintedTokenWriter {
    /** @throws StoreException if the token could not be stored (the mint fails) */
    void save(MintedToken token) throws StoreException;
}
