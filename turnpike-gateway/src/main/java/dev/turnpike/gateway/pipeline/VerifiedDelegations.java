package dev.turnpike.gateway.pipeline;

import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delegated tokens already found valid, for one service on one event loop (not thread-safe), so that a token costs
 * one signature check, not one per request: a hit skips the JWS parse, the key validations and the Ed25519 verify.
 *
 * <p>Why a hit may stand for a full verification: the key is the token text itself, compared by
 * {@code String.equals} (every character; equal texts have equal SHA-256, which is what the entry's {@link
 * Entry#accessTokenHash} holds), and the token verification is a pure function of that text and the time. What can
 * change with time is checked on every hit: a cached token is dropped once its expiration (a renew token's: its
 * certificate's) plus the service's clock skew has passed, when the verifier would refuse it too, and once it is
 * revoked ({@link DelegationRevocationSet}, shared by every event loop, so a revocation takes effect on the next
 * request whichever loop serves it; a renew token once its token is). ({@code created} in the future is refused
 * before caching and only becomes more acceptable with time.) Entries also expire after {@value #MAX_AGE_NANOS} ns.
 * Bounded to {@value #MAX_ENTRIES} entries, least recently used first out; only valid tokens are cached.
 */
final class VerifiedDelegations {

    static final int MAX_ENTRIES = 1024;
    static final long MAX_AGE_NANOS = 60_000_000_000L;

    /** One verified token (or renew token) and what each request with it needs. */
    static final class Entry {
        /** The delegation token: its keys and grant (a renew token's is the one in its certificate). */
        final DelegationToken token;
        /** The text the client sends: the token, or a renew token for it; the cache key. */
        final String presented;
        /** SHA-256 of the token (not of a renew token), what names it in a revocation. */
        final TokenHash hash;
        /** {@code ath}: base64url SHA-256 of the presented text, what its DPoP proofs must carry. */
        final String accessTokenHash;
        final DelegatedIdentity identity;
        /** Epoch milliseconds from which it is refused as expired (a renew token's: its certificate's end). */
        final long validUntilMillis;
        final long cachedAt;

        Entry(DelegationToken token, String presented, Instant expiration, Duration clockSkew, long cachedAt) {
            this.token = token;
            this.presented = presented;
            this.hash = TokenHash.of(token.compact());
            this.accessTokenHash = presented.equals(token.compact()) ? hash.toBase64Url()
                    : TokenHash.of(presented).toBase64Url();
            this.identity = new DelegatedIdentity(token);
            this.validUntilMillis = expiration.plus(clockSkew).toEpochMilli();
            this.cachedAt = cachedAt;
        }
    }

    private final DelegationRevocationSet revocations;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, VerifiedDelegations.Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    VerifiedDelegations(DelegationRevocationSet revocations) {
        this.revocations = revocations;
    }

    /** The entry of {@code token} if it is still valid at {@code nowMillis} and not revoked; else null. */
    Entry get(String token, long nowMillis) {
        Entry e = entries.get(token);
        if (e == null) {
            return null;
        }
        if (nowMillis >= e.validUntilMillis || System.nanoTime() - e.cachedAt > MAX_AGE_NANOS || isRevoked(e)) {
            entries.remove(token);
            return null;
        }
        return e;
    }

    boolean isRevoked(Entry e) {
        return revocations.isRevoked(e.hash, e.token.issuer());
    }

    void put(Entry e) {
        entries.put(e.presented, e);
    }
}
