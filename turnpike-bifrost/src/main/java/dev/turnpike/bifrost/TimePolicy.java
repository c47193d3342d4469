package dev.turnpike.bifrost;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The time rules of the token verifiers.
 *
 * @param clockSkew   how far the wallet's clock may be from ours: {@code created} must be within it of now at
 *                    approval, and API use tolerates it at both ends of the validity (default 2 minutes)
 * @param maxLifetime the longest {@code expiration - created} accepted (default 12 hours, the document's default)
 */
public record TimePolicy(Duration clockSkew, Duration maxLifetime) {
    /** The largest clock skew accepted. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);
    /** The largest maximum lifetime accepted. */
    public static final Duration MAX_LIFETIME_LIMIT = Duration.ofDays(366);

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(2);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(12);
    /** 2 minutes of skew, 12 hours of lifetime. */
    public static final TimePolicy DEFAULT = new TimePolicy(DEFAULT_CLOCK_SKEW, DEFAULT_MAX_LIFETIME);

    /** @throws IllegalArgumentException if the skew is not within 0..1 day or the lifetime not within 1 s..366 days */
    public TimePolicy {
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clockSkew must be within 0.." + MAX_CLOCK_SKEW + ": " + clockSkew);
        }
        if (maxLifetime.compareTo(Duration.ofSeconds(1)) < 0 || maxLifetime.compareTo(MAX_LIFETIME_LIMIT) > 0) {
            throw new IllegalArgumentException("maxLifetime must be within PT1S.." + MAX_LIFETIME_LIMIT + ": "
                    + maxLifetime);
        }
    }

    /**
     * The rules every verifier applies: {@link Reason#EXPIRATION_NOT_AFTER_CREATED}, then {@link
     * Reason#LIFETIME_TOO_LONG} (longer than {@link #maxLifetime} or than the token's own
     * {@code permissions.expires_in}).
     */
    void checkLifetime(DelegationToken token) throws Refusal {
        if (!token.expiration().isAfter(token.created())) {
            throw new Refusal(Reason.EXPIRATION_NOT_AFTER_CREATED, "expiration " + token.expiration()
                    + " is not after created " + token.created());
        }
        Duration lifetime = token.lifetime();
        if (lifetime.compareTo(maxLifetime) > 0) {
            throw new Refusal(Reason.LIFETIME_TOO_LONG, "the token lives " + lifetime + ", longer than the maximum "
                    + maxLifetime);
        }
        OptionalLong expiresIn = token.attributes().permissions().map(Permissions::expiresIn)
                .orElse(OptionalLong.empty());
        if (expiresIn.isPresent() && lifetime.compareTo(Duration.ofSeconds(expiresIn.getAsLong())) > 0) {
            throw new Refusal(Reason.LIFETIME_TOO_LONG, "the token lives " + lifetime
                    + ", longer than its permissions.expires_in of " + expiresIn.getAsLong() + " s");
        }
    }
}
