package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.VerificationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small cache of tokens already found valid, for one paid service on one event loop (not thread-safe):
 * from the exact {@code Authorization} value a client sent to what verifying it found. A hit skips parsing
 * the header (base64, hex) and the hashes and HMAC chain of {@code L402Verifier.verify}: ~3 µs a request.
 *
 * <p>Why a hit may stand for a full verification:
 * <ul>
 *   <li>The key is the whole header value, compared by {@code String.equals} (every byte). Parsing is a pure
 *       function of that value, so equal values carry the same macaroon (identifier, caveats, signature) and
 *       preimage. Only a single {@code Authorization} value that parsed by itself is cached: a request with
 *       several values, or whose credential came from another header, always takes the full path.</li>
 *   <li>The cache belongs to one {@link L402Authenticator}, i.e. one service; each entry records per
 *       request context (the capability a route rule requires, or none) whether the token was valid for it,
 *       and a context it was not verified for is verified in full.</li>
 *   <li>What can change after the verification is checked again on every hit: revocation (the
 *       {@link RevocationSet} the verifier itself consults, so a revocation takes effect on the next request)
 *       and expiry (the verdict's {@link VerificationResult.Valid#cacheableUntil}, the token's expiry, against
 *       the clock). A failed check drops the entry and the request goes through the verifier, which gives the
 *       refusal and its reason.</li>
 *   <li>Only verdicts the verifier calls cacheable are cached: those of tokens whose caveats are all built-in
 *       ones, so no configured constraint (whose satisfier may look at the request or at time) can have taken
 *       part. Other tokens are verified every time.</li>
 *   <li>The root key store is not consulted again on a hit (keys are not withdrawn while the gateway runs:
 *       the runtime's store caches them for good); entries also expire after {@value #MAX_AGE_NANOS} ns, which
 *       bounds any staleness the points above do not cover.</li>
 * </ul>
 * Bounded to {@value #MAX_ENTRIES} entries, least recently used first out. Only valid tokens are cached, so
 * a flood of bad tokens cannot evict anything but each other's absence.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 1024;
    static final long MAX_AGE_NANOS = 60_000_000_000L;

    /** One verified credential. */
    static final class Entry {
        final TokenId tokenId;
        final String tokenIdHex;
        /** The normalised Authorization value to send upstream; null if the client sent exactly that. */
        final String rewrite;
        /** Epoch second from which the verdict no longer stands (see {@code Valid.cacheableUntil}). */
        final long expiresAt;
        final long cachedAt;
        /** Valid for request context i (see {@link L402Authenticator}). */
        final boolean[] validFor;

        Entry(TokenId tokenId, String rewrite, long expiresAt, long cachedAt, int contexts) {
            this.tokenId = tokenId;
            this.tokenIdHex = tokenId.toHex();
            this.rewrite = rewrite;
            this.expiresAt = expiresAt;
            this.cachedAt = cachedAt;
            this.validFor = new boolean[contexts];
        }
    }

    private final RevocationSet revocations;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, VerifiedTokens.Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    VerifiedTokens(RevocationSet revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    /** The entry for {@code value} if it was valid for context {@code context} and still is; else null. */
    Entry get(String value, int context) {
        Entry e = entries.get(value);
        if (e == null || !e.validFor[context]) {
            return null;
        }
        if (System.nanoTime() - e.cachedAt > MAX_AGE_NANOS || revocations.isRevoked(e.tokenId)
                || clock.instant().getEpochSecond() >= e.expiresAt) {
            entries.remove(value);
            return null;
        }
        return e;
    }

    /**
     * Records that {@code value} (a single Authorization value, parsed by itself) was verified valid for
     * {@code context}, unless the verdict may not be cached ({@link VerificationResult.Valid#cacheableUntil}).
     */
    void put(String value, int context, int contexts, VerificationResult.Valid valid, String rewrite) {
        Entry e = entries.get(value);
        if (e == null || !e.tokenId.equals(valid.tokenId())) {
            Optional<Instant> until = valid.cacheableUntil();
            if (until.isEmpty()) {
                return;
            }
            e = new Entry(valid.tokenId(), rewrite, until.get().getEpochSecond(), System.nanoTime(), contexts);
            entries.put(value, e);
        }
        e.validFor[context] = true;
    }
}
