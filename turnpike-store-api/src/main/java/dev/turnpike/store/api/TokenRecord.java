package dev.turnpike.store.api;

import java.time.Instant;

/** What the ledger knows of a token: when issued, whether its invoice was paid, whether revoked. */
public record TokenRecord(IssuedToken token, Instant settledAt, Instant revokedAt) {

    public boolean isSettled() {
        return settledAt != null;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
