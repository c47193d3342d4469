package dev.turnpike.gateway.config;

import java.time.Duration;
import java.util.List;

/** Reads {@code rate_limits:} into {@link RateLimits}, and the per-minute limits Bifrost's section shares. */
final class RateLimitsReader {

    static final List<String> KEYS = List.of("challenges_per_ip", "requests_per_token");
    /** A per-minute limit per client address prefix. */
    static final List<String> PER_IP_KEYS = List.of("enabled", "per_minute", "burst", "ipv4_prefix", "ipv6_prefix");
    /** A per-minute limit per something else (a key). */
    static final List<String> PER_MINUTE_KEYS = List.of("enabled", "per_minute", "burst");
    static final List<String> PER_TOKEN_KEYS = List.of("enabled", "per_second", "burst");
    private static final long MAX_RATE = 1_000_000;

    private RateLimitsReader() {}

    static RateLimits read(Section top) {
        Section o = top.sub("rate_limits", KEYS);
        RateLimits.IpRateLimit challenges = perIp(o.sub("challenges_per_ip", PER_IP_KEYS), 60, 20);
        RateLimits.RateLimit perToken = perToken(o.sub("requests_per_token", PER_TOKEN_KEYS));
        return o.failed() ? null : new RateLimits(challenges, perToken);
    }

    private static RateLimits.RateLimit perToken(Section t) {
        Boolean enabled = t.bool("enabled", true);
        Long perSecond = t.opt("per_second", 100L, "a whole number", Values.integer(1, MAX_RATE));
        Long burst = t.opt("burst", 200L, "a whole number", Values.integer(1, MAX_RATE));
        return t.failed() ? null : new RateLimits.RateLimit(enabled, perSecond, Duration.ofSeconds(1), burst);
    }

    /** A per-minute limit per client address prefix ({@code enabled, per_minute, burst, ipv4_prefix, ipv6_prefix}). */
    static RateLimits.IpRateLimit perIp(Section c, long perMinuteDefault, long burstDefault) {
        RateLimits.RateLimit limit = perMinute(c, perMinuteDefault, burstDefault);
        Long v4 = c.opt("ipv4_prefix", 24L, "a prefix length", Values.integer(1, 32));
        Long v6 = c.opt("ipv6_prefix", 48L, "a prefix length", Values.integer(1, 128));
        return c.failed() ? null : new RateLimits.IpRateLimit(limit, v4.intValue(), v6.intValue());
    }

    /** A per-minute limit ({@code enabled, per_minute, burst}). */
    static RateLimits.RateLimit perMinute(Section c, long perMinuteDefault, long burstDefault) {
        Boolean enabled = c.bool("enabled", true);
        Long perMinute = c.opt("per_minute", perMinuteDefault, "a whole number", Values.integer(1, MAX_RATE));
        Long burst = c.opt("burst", burstDefault, "a whole number", Values.integer(1, MAX_RATE));
        return c.failed() ? null : new RateLimits.RateLimit(enabled, perMinute, Duration.ofMinutes(1), burst);
    }
}
