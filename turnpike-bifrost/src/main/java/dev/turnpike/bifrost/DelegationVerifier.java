package dev.turnpike.bifrost;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The bridge's approval step: is this token, posted by a wallet, the answer to this session's request?
 *
 * <h2>Fixed verification order</h2>
 * The first failing step decides the single {@link Reason}:
 * <ol>
 *   <li>{@link Reason#MALFORMED}: not three base64url parts of at most 8 KiB in all, or a header that is not a
 *       bounded JSON object with an {@code alg} string.</li>
 *   <li>{@link Reason#UNSUPPORTED_ALGORITHM}: {@code alg} other than {@code Ed25519} or {@code EdDSA} ({@code
 *       none}, {@code HS256}, {@code RS256}, …), decided before the rest of the token is read.</li>
 *   <li>{@link Reason#MALFORMED}: {@code typ} other than {@code JWT}, {@code crit} or {@code b64} present, a
 *       signature that is not 64 bytes, a payload that is not a bounded JSON object without duplicate keys, a claim
 *       missing or of the wrong type, times not ISO-8601 UTC, {@code delegatedKey} not a valid key.</li>
 *   <li>{@link Reason#INVALID_ISSUER_KEY}: {@code issuer} not a valid base58 Ed25519 key.</li>
 *   <li>{@link Reason#BAD_SIGNATURE}: not signed by {@code issuer} over the received bytes.</li>
 *   <li>{@link Reason#ATTRIBUTES_INVALID}: the attributes break the rules of {@link Attributes}.</li>
 *   <li>{@link Reason#WRONG_DELEGATED_KEY}, {@link Reason#NONCE_MISMATCH}, {@link Reason#NAME_CHANGED},
 *       {@link Reason#PERMISSIONS_WIDENED} (see {@link Permissions#narrowerOrEqual}; a request without permissions
 *       allows any, a token without permissions is wider than a request with some), {@link
 *       Reason#ATTRIBUTES_CHANGED} (any other attribute added, removed or changed): against the request.</li>
 *   <li>{@link Reason#EXPIRATION_NOT_AFTER_CREATED}, {@link Reason#LIFETIME_TOO_LONG}: see {@link TimePolicy}.</li>
 *   <li>{@link Reason#CREATED_OUT_OF_SKEW}: {@code created} more than the clock skew away from now.</li>
 *   <li>{@link Reason#EXPIRED}: {@code expiration} not after now.</li>
 * </ol>
 * Thread-safe (it remembers validated issuer keys, bounded); no I/O. It does not know about session states: "first approval wins" is the
 * session's and the store's business.
 */
public final class DelegationVerifier {
    /** Wallets come back: their keys are validated once (up to this many remembered). */
    private static final int REMEMBERED_ISSUERS = 10_000;

    private final TimePolicy policy;
    private final ValidatedKeys issuers = new ValidatedKeys(REMEMBERED_ISSUERS);

    /** A verifier with the given time rules. */
    public DelegationVerifier(TimePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A verifier with {@link TimePolicy#DEFAULT}: 2 minutes of skew, 12 hours of lifetime at most. */
    public static DelegationVerifier withDefaults() {
        return new DelegationVerifier(TimePolicy.DEFAULT);
    }

    /**
     * Verifies {@code compactToken} against the session's {@code request} at {@code now}. Never throws for any token
     * content.
     */
    public Verification<DelegationToken> verify(String compactToken, DelegationRequest request, Instant now) {
        Objects.requireNonNull(compactToken, "compactToken");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        try {
            String delegated = request.delegatedKey().toBase58();
            DelegationToken token = UnverifiedToken.parse(compactToken,
                    key -> key.equals(delegated) ? request.delegatedKey() : issuers.get(key)).verify();
            issuers.remember(token.issuer());
            checkAgainstRequest(token, request);
            policy.checkLifetime(token);
            checkTimes(token, now);
            return new Verification.Verified<>(token);
        } catch (Refusal r) {
            return r.toResult();
        }
    }

    private static void checkAgainstRequest(DelegationToken token, DelegationRequest request) throws Refusal {
        if (!token.delegatedKey().equals(request.delegatedKey())) {
            throw new Refusal(Reason.WRONG_DELEGATED_KEY, "the token delegates to " + token.delegatedKey().fingerprint()
                    + ", the session's key is " + request.delegatedKey().fingerprint());
        }
        Attributes got = token.attributes();
        Attributes asked = request.attributes();
        if (!got.nonce().equals(asked.nonce())) {
            throw new Refusal(Reason.NONCE_MISMATCH, got.nonce().isEmpty()
                    ? "the token's attributes have no nonce" : "the token's nonce is not the session's");
        }
        if (!got.name().equals(asked.name())) {
            throw new Refusal(Reason.NAME_CHANGED, "the token's name " + got.name().map(Texts::quote).orElse("(none)")
                    + " differs from the requested " + asked.name().map(Texts::quote).orElse("(none)"));
        }
        String widening = permissionsWidening(got.permissions(), asked.permissions());
        if (widening != null) {
            throw new Refusal(Reason.PERMISSIONS_WIDENED, widening);
        }
        if (!got.others().equals(asked.others())) {
            throw new Refusal(Reason.ATTRIBUTES_CHANGED, "attributes other than name, nonce and permissions were"
                    + " added, removed or changed");
        }
    }

    /** No permissions means "unrestricted": anything is within it, and it is within nothing else. */
    private static String permissionsWidening(Optional<Permissions> got, Optional<Permissions> asked) {
        if (asked.isEmpty()) {
            return null;
        }
        return got.isEmpty() ? "the token has no permissions, the request had some" : got.get().wideningOf(asked.get());
    }

    private void checkTimes(DelegationToken token, Instant now) throws Refusal {
        Duration offset = Duration.between(now, token.created()).abs();
        if (offset.compareTo(policy.clockSkew()) > 0) {
            throw new Refusal(Reason.CREATED_OUT_OF_SKEW, "created " + token.created() + " is " + offset
                    + " away from now " + now + ", more than the clock skew of " + policy.clockSkew());
        }
        if (!token.expiration().isAfter(now)) {
            throw new Refusal(Reason.EXPIRED, "expiration " + token.expiration() + " is not after now " + now);
        }
    }
}
