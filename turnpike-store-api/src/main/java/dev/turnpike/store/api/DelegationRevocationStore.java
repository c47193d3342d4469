package dev.turnpike.store.api;

import dev.turnpike.l402.StoreException;
import java.time.Instant;
import java.util.List;

/**
 * The revoked Bifrost delegation tokens, kept so that a revocation outlives a restart and reaches every gateway on
 * the same database. Written on a revocation (admin API, a wallet's signed request), read at start into the
 * gateway's in-memory set; never on the hot path. Thread-safe; may block on I/O.
 */
public interface DelegationRevocationStore {

    /** Keeps nothing: revocations live in memory only. */
    DelegationRevocationStore IN_MEMORY = new DelegationRevocationStore() {
        @Override
        public void revoke(DelegationRevocation revocation) {}

        @Override
        public List<DelegationRevocation> revoked(Instant now) {
            return List.of();
        }

        @Override
        public int purge(Instant now) {
            return 0;
        }
    };

    /**
     * Records a revocation; idempotent per token hash and revoker (the operator, or one issuer): the first time
     * and expiration stay.
     */
    void revoke(DelegationRevocation revocation) throws StoreException;

    /** Every revocation still in force at {@code now} (its expiration, if known, not passed), oldest first. */
    List<DelegationRevocation> revoked(Instant now) throws StoreException;

    /**
     * Forgets the revocations of tokens that expired before {@code now}: those tokens are refused anyway.
     *
     * @return how many were forgotten
     */
    int purge(Instant now) throws StoreException;
}
