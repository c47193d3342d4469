package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The bridge's side of renewal: checks a delegation token an application presents (every {@link AccessVerifier}
 * step but its expiry, then the renewal horizon) and signs a short {@link RenewCertificate} for it. The proof of
 * possession and revocation are the caller's, between {@link #check} and {@link #certify}. Immutable, thread-safe,
 * no I/O.
 */
public final class RenewalIssuer {
    private final Ed25519KeyPair bridgeKey;
    private final AccessVerifier tokens;
    private final Duration certificateLifetime;
    private final Duration maxHorizon;

    /** A certificate and until when it lets the token be used. */
    public record Issued(String certificate, Instant expiration) {}

    /**
     * @param bridgeKey           the bridge's signing key
     * @param policy              the bridge's time rules for tokens
     * @param certificateLifetime how long a certificate is valid (at least 1 s)
     * @param maxHorizon          how long after its {@code created} a token may be renewed at most (see
     *                            {@link RenewCertificate#horizon})
     */
    public RenewalIssuer(Ed25519KeyPair bridgeKey, TimePolicy policy, Duration certificateLifetime,
            Duration maxHorizon) {
        this.bridgeKey = Objects.requireNonNull(bridgeKey, "bridgeKey");
        this.tokens = AccessVerifier.builder().anyIssuer().timePolicy(policy).build();
        if (certificateLifetime.compareTo(Duration.ofSeconds(1)) < 0 || maxHorizon.isNegative()) {
            throw new IllegalArgumentException("a certificate lives at least 1 s and the horizon is not negative");
        }
        this.certificateLifetime = certificateLifetime;
        this.maxHorizon = maxHorizon;
    }

    /**
     * Checks {@code token} at {@code now}: the token steps of {@link AccessVerifier} but {@link Reason#EXPIRED}, then
     * {@link Reason#BEYOND_RENEWAL_HORIZON} once its grant has ended. Never throws for any content.
     */
    public Verification<DelegationToken> check(String token, Instant now) {
        try {
            DelegationToken t = tokens.checkGrant(token, now);
            Instant horizon = RenewCertificate.horizon(t, maxHorizon);
            if (!horizon.minusSeconds(1).isAfter(now)) {
                throw new Refusal(Reason.BEYOND_RENEWAL_HORIZON, "the grant ended at " + horizon + " (created "
                        + t.created() + " plus its expires_in, at most the bridge's horizon of " + maxHorizon
                        + "; without expires_in, its expiration)");
            }
            return new Verification.Verified<>(t);
        } catch (Refusal r) {
            return r.toResult();
        }
    }

    /** A certificate for a token {@link #check} accepted: from now for the certificate lifetime, within the horizon. */
    public Issued certify(DelegationToken token, Instant now) {
        Instant horizon = RenewCertificate.horizon(token, maxHorizon);
        Instant end = now.plus(certificateLifetime);
        Instant expiration = end.isAfter(horizon) ? horizon : end;
        String certificate = RenewCertificate.sign(bridgeKey, token.compact(), token.attributes().nonce().orElse(null),
                now, expiration);
        return new Issued(certificate, expiration);
    }
}
