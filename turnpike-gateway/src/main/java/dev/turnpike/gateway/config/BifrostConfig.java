package dev.turnpike.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The Bifrost bridge ({@code bifrost:} in {@code turnpike.yaml}): where its API is mounted, how long sessions live,
 * what a delegation token may claim, and how session creation is limited.
 *
 * @param enabled          serve the bridge on the main listener
 * @param prefix           its mount point ("" for the root: {@code /api/auth}, {@code /auth/session/…}, {@code /docs})
 * @param sessionTtl       how long a session can be approved and its token fetched
 * @param maxTokenLifetime the longest {@code expiration - created} accepted in a wallet's token
 * @param clockSkew        how far a token's {@code created} may be from the bridge's clock
 * @param publicBaseUrl    the bridge's URL as clients reach it (behind a proxy); empty: from the request's Host
 * @param deepLinkTemplate the wallet link in the QR code; {@code {session}} and {@code {session_url}} are filled in
 * @param strictOriginal   behave exactly as the source document: the session id alone reads the token, and reading
 *                         does not consume it (off by default: see docs/bifrost.md)
 * @param pollInterval     the plain-polling interval given to applications; faster polling is {@code slow_down}
 * @param sessionsPerIp    session creations per client address prefix
 * @param sessionsPerKey   session creations per delegated key
 * @param heldRequests     caps on long-polls and event streams held open at once
 * @param renewal          how the bridge signs renew certificates
 */
public record BifrostConfig(boolean enabled, String prefix, Duration sessionTtl, Duration maxTokenLifetime,
        Duration clockSkew, Optional<URI> publicBaseUrl, String deepLinkTemplate, boolean strictOriginal,
        Duration pollInterval, RateLimits.IpRateLimit sessionsPerIp, RateLimits.RateLimit sessionsPerKey,
        HeldRequests heldRequests, Renewal renewal) {

    /**
     * Renewal ({@code renewal:}): certificates for tokens whose grant has not ended.
     *
     * @param certificateLifetime how long a renew certificate is valid
     * @param maxHorizon          how long after a token's {@code created} it may be renewed at most, whatever its
     *                            {@code permissions.expires_in} says
     */
    public record Renewal(Duration certificateLifetime, Duration maxHorizon) {
        public static final Renewal DEFAULT = new Renewal(Duration.ofMinutes(10), Duration.ofDays(7));

        public Renewal {
            Objects.requireNonNull(certificateLifetime, "certificateLifetime");
            Objects.requireNonNull(maxHorizon, "maxHorizon");
        }
    }

    /**
     * Long-polls and event streams held open at once ({@code held_requests:}).
     *
     * @param max                      in all
     * @param reservedForAuthenticated of {@code max}, places only requests with the poll credential take
     * @param perClientNetwork         from one client network (IPv4 /24, IPv6 /48), for each kind (with or without
     *                                 the credential)
     * @param perSession               on one session, for each kind
     */
    public record HeldRequests(int max, int reservedForAuthenticated, int perClientNetwork, int perSession) {
        public static final HeldRequests DEFAULT = new HeldRequests(1024, 256, 32, 4);

        public HeldRequests {
            if (max < 1 || reservedForAuthenticated < 0 || reservedForAuthenticated >= max || perClientNetwork < 1
                    || perSession < 1) {
                throw new IllegalArgumentException("held requests need max ≥ 1, 0 ≤ reserved < max and positive"
                        + " per-network and per-session caps");
            }
        }
    }

    public static final Duration DEFAULT_SESSION_TTL = Duration.ofMinutes(3);
    public static final Duration DEFAULT_MAX_TOKEN_LIFETIME = Duration.ofHours(12);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(1);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final String DEFAULT_DEEP_LINK_TEMPLATE = "sea://auth?session={session}";

    public BifrostConfig {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        Objects.requireNonNull(maxTokenLifetime, "maxTokenLifetime");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(deepLinkTemplate, "deepLinkTemplate");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(sessionsPerIp, "sessionsPerIp");
        Objects.requireNonNull(sessionsPerKey, "sessionsPerKey");
        Objects.requireNonNull(heldRequests, "heldRequests");
        Objects.requireNonNull(renewal, "renewal");
    }

    /** Every default, with the bridge on or off: what an absent {@code bifrost:} section means (with off). */
    public static BifrostConfig defaults(boolean enabled) {
        return new BifrostConfig(enabled, "", DEFAULT_SESSION_TTL, DEFAULT_MAX_TOKEN_LIFETIME, DEFAULT_CLOCK_SKEW,
                Optional.empty(), DEFAULT_DEEP_LINK_TEMPLATE, false, DEFAULT_POLL_INTERVAL,
                new RateLimits.IpRateLimit(new RateLimits.RateLimit(true, 30, Duration.ofMinutes(1), 10), 24, 48),
                new RateLimits.RateLimit(true, 6, Duration.ofMinutes(1), 3), HeldRequests.DEFAULT, Renewal.DEFAULT);
    }

    /** The same settings with other creation limits (benchmarks turn them off). */
    public BifrostConfig withRateLimits(RateLimits.IpRateLimit perIp, RateLimits.RateLimit perKey) {
        return new BifrostConfig(enabled, prefix, sessionTtl, maxTokenLifetime, clockSkew, publicBaseUrl,
                deepLinkTemplate, strictOriginal, pollInterval, perIp, perKey, heldRequests, renewal);
    }
}
