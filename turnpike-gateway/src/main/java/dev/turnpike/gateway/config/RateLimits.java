package dev.turnpike.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Token-bucket limits: on the challenge path (402s, each costs an invoice) per client address prefix, and on paid
 * traffic per token id. Exceeding one answers 429 with {@code Retry-After}.
 */
public record RateLimits(IpRateLimit challengesPerIp, RateLimit requestsPerToken) {

    public RateLimits {
        Objects.requireNonNull(challengesPerIp, "challengesPerIp");
        Objects.requireNonNull(requestsPerToken, "requestsPerToken");
    }

    /**
     * {@code requests} every {@code per}, with bursts of up to {@code burst} (the bucket's size).
     * When {@code enabled} is false the limit is not applied.
     */
    public record RateLimit(boolean enabled, long requests, Duration per, long burst) {
        public RateLimit {
            Objects.requireNonNull(per, "per");
            if (requests < 1 || burst < 1 || per.isZero() || per.isNegative()) {
                throw new IllegalArgumentException("rate limit values must be positive");
            }
        }

        /** The sustained rate in requests per second. */
        public double perSecond() {
            return requests / (per.toNanos() / 1e9);
        }

        /** The token-bucket setting the gateway's limiters take: unlimited when disabled. */
        public dev.turnpike.gateway.ratelimit.RateLimit tokenBucket() {
            return enabled ? dev.turnpike.gateway.ratelimit.RateLimit.perSecond(perSecond(),
                    (int) Math.min(Integer.MAX_VALUE, burst)) : dev.turnpike.gateway.ratelimit.RateLimit.unlimited();
        }
    }

    /** A limit applied per client IP prefix: IPv4 addresses grouped by {@code /ipv4Prefix}, IPv6 by {@code /ipv6Prefix}. */
    public record IpRateLimit(RateLimit limit, int ipv4Prefix, int ipv6Prefix) {
        public IpRateLimit {
            Objects.requireNonNull(limit, "limit");
            if (ipv4Prefix < 1 || ipv4Prefix > 32 || ipv6Prefix < 1 || ipv6Prefix > 128) {
                throw new IllegalArgumentException("prefix out of range");
            }
        }
    }
}
