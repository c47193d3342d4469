package dev.turnpike.store.api;

import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.RootKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's books: every minted token with its invoice (and its root key, which the verifier reads through
 * {@link dev.turnpike.l402.RootKeyStore}), settlements, revocations. Written on the 402 path and by settlement and
 * admin events, never on the paid hot path. Implementations must be thread-safe; every method may block on I/O and
 * throws {@link StoreException} when the backend fails.
 */
public interface TokenLedger {

    /**
     * Records a freshly minted token (its invoice not yet paid) and stores its root key under {@code keyId}, in one
     * transaction: a token is never verifiable yet unknown to the books, or booked without its key. One write per
     * challenge, too, where two would cost a second commit.
     */
    void issued(IssuedToken token, RootKeyId keyId, RootKey key) throws StoreException;

    /**
     * Marks the token paid by the invoice with this hash; idempotent, the first time stays.
     *
     * @return the token, when this call settled it (empty: no such token, or settled before), so that each payment
     *         is counted once
     */
    Optional<IssuedToken> settled(PaymentHash paymentHash, Instant at) throws StoreException;

    /**
     * Revokes a token; idempotent, the first time stays.
     *
     * @return false if the ledger has no such token
     */
    boolean revoke(TokenId tokenId, Instant at) throws StoreException;

    /** Every revoked token id, to fill the gateway's in-memory revocation set at start. */
    List<TokenId> revoked() throws StoreException;

    Optional<TokenRecord> find(TokenId tokenId) throws StoreException;

    /** The newest tokens first, at most {@code limit}, optionally of one service only. */
    List<TokenRecord> list(Optional<String> service, int limit) throws StoreException;

    /** Per service, by name. */
    List<ServiceTotals> totals() throws StoreException;
}
