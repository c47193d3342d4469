package dev.turnpike.gateway.ledger;

import dev.turnpike.bifrost.TimePolicy;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.DelegationRevocation;
import dev.turnpike.store.api.DelegationRevocationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revoked Bifrost delegation tokens, in memory so that the delegated hot path never waits on a database: every
 * event loop's verified-token cache asks it on each hit, so a revocation takes effect on the very next request on any
 * loop. {@link #revoke} records a revocation in the store and then {@link #apply applies} it; {@link #apply} is the
 * one place where "a revocation happened" takes effect in this process, for a revocation made here or, later, one
 * another gateway announces (PostgreSQL LISTEN/NOTIFY, the scale-out issue): such a listener calls only
 * {@link #apply}, since the row is already stored. Thread-safe.
 */
public final class DelegationRevocationSet {

    /** Who revoked one token hash: the operator (whatever the issuer), and/or these issuers. */
    private record Revokers(boolean operator, Set<Ed25519PublicKey> issuers) {
        boolean refuse(Ed25519PublicKey issuer) {
            return operator || issuers.contains(issuer);
        }

        Revokers with(DelegationRevocation r) {
            if (r.issuer().isEmpty()) {
                return new Revokers(true, issuers);
            }
            Set<Ed25519PublicKey> more = new HashSet<>(issuers);
            more.add(r.issuer().get());
            return new Revokers(operator, Set.copyOf(more));
        }
    }

    private static final Revokers NONE = new Revokers(false, Set.of());

    private final DelegationRevocationStore store;
    private final ConcurrentHashMap<TokenHash, Revokers> revoked = new ConcurrentHashMap<>();

    /** A set whose revocations are kept in memory only (tests, benchmarks). */
    public DelegationRevocationSet() {
        this(DelegationRevocationStore.IN_MEMORY);
    }

    private DelegationRevocationSet(DelegationRevocationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * How long past its token's expiration a revocation is kept. A token is accepted until its expiration plus the
     * service's clock skew, and through renewal until its {@code created} plus its grant, at most
     * {@link TimePolicy#MAX_LIFETIME_LIMIT} (and {@code created} is never after the expiration): so the largest skew
     * plus the longest grant, after which no route or bridge takes the token in any form.
     */
    static final Duration RETENTION = TimePolicy.MAX_CLOCK_SKEW.plus(TimePolicy.MAX_LIFETIME_LIMIT);

    /** The set of the revocations in {@code store} still in force at {@code now}, after purging the others. */
    public static DelegationRevocationSet load(DelegationRevocationStore store, Instant now) throws StoreException {
        DelegationRevocationSet set = new DelegationRevocationSet(store);
        store.purge(now.minus(RETENTION));
        set.reload(now);
        return set;
    }

    /**
     * Applies every revocation in the store still in force at {@code now}: those other gateways on the same database
     * made since this one loaded (blocking: call it off the event loop).
     */
    public void reload(Instant now) throws StoreException {
        store.revoked(now.minus(RETENTION)).forEach(this::apply);
    }

    /** Records {@code revocation} in the store (blocking: call it off the event loop), then applies it. */
    public void revoke(DelegationRevocation revocation) throws StoreException {
        store.revoke(revocation);
        apply(revocation);
    }

    /** Makes every event loop refuse the token from its next request on; records nothing. */
    public void apply(DelegationRevocation revocation) {
        revoked.compute(revocation.tokenHash(), (hash, old) -> (old == null ? NONE : old).with(revocation));
    }

    /** Whether the token of hash {@code hash} issued by {@code issuer} is revoked, by the operator or by its issuer. */
    public boolean isRevoked(TokenHash hash, Ed25519PublicKey issuer) {
        Revokers r = revoked.get(hash);
        return r != null && r.refuse(issuer);
    }

    /** How many token hashes are revoked. */
    public int size() {
        return revoked.size();
    }
}
