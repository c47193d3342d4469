package dev.turnpike.gateway.ledger;

import dev.turnpike.l402.RevocationCheck;
import dev.turnpike.l402.TokenId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revoked token ids, in memory so the paid path never waits on a database. The owner keeps it
 * current from the store (load at start, {@link #revoke} on every revocation); give the same instance to
 * the {@code L402Verifier} as its revocation check. Revocation takes effect on the next request.
 */
public final class RevocationSet implements RevocationCheck {

    private final Set<TokenId> revoked = ConcurrentHashMap.newKeySet();

    /** Whether {@code tokenId} is newly revoked (false: it already was). */
    public boolean revoke(TokenId tokenId) {
        return revoked.add(tokenId);
    }

    @Override
    public boolean isRevoked(TokenId tokenId) {
        return revoked.contains(tokenId);
    }

    public int size() {
        return revoked.size();
    }
}
