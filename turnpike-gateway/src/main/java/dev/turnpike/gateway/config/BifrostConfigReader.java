package dev.turnpike.gateway.config;

import dev.turnpike.bifrost.session.DeepLink;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code bifrost:} into a {@link BifrostConfig}; every key has a default (the bridge is off by default). */
final class BifrostConfigReader {

    static final List<String> KEYS = List.of("enabled", "prefix", "session_ttl", "max_token_lifetime",
            "clock_skew", "public_base_url", "deep_link_template", "strict_original", "poll_interval", "rate_limits",
            "held_requests", "renewal");
    static final List<String> RATE_KEYS = List.of("sessions_per_ip", "sessions_per_key");
    static final List<String> RENEWAL_KEYS = List.of("certificate_lifetime", "max_horizon");
    static final List<String> HELD_KEYS = List.of("max", "reserved_for_authenticated", "per_client_network",
            "per_session");

    private BifrostConfigReader() {}

    static BifrostConfig read(Section top) {
        BifrostConfig d = BifrostConfig.defaults(false);
        Section o = top.sub("bifrost", KEYS);
        Boolean enabled = o.bool("enabled", d.enabled());
        String prefix = o.opt("prefix", d.prefix(), "a path prefix", Values::urlPrefix);
        Duration ttl = o.opt("session_ttl", d.sessionTtl(), "a duration (e.g. 3m)",
                Values.duration(Duration.ofSeconds(30), Duration.ofHours(1)));
        Duration lifetime = o.opt("max_token_lifetime", d.maxTokenLifetime(), "a duration (e.g. 12h)",
                Values.duration(Duration.ofMinutes(1), Duration.ofDays(365)));
        Duration skew = o.opt("clock_skew", d.clockSkew(), "a duration (e.g. 1m)",
                Values.duration(Duration.ZERO, Duration.ofMinutes(15)));
        URI publicBase = o.opt("public_base_url", null, "an http(s) URL", BifrostConfigReader::publicBaseUrl);
        String deepLink = o.opt("deep_link_template", d.deepLinkTemplate(), "a link template",
                BifrostConfigReader::deepLinkTemplate);
        Boolean strict = o.bool("strict_original", d.strictOriginal());
        Duration interval = o.opt("poll_interval", d.pollInterval(), "a duration (e.g. 5s)",
                Values.duration(Duration.ofSeconds(1), Duration.ofMinutes(1)));
        Section limits = o.sub("rate_limits", RATE_KEYS);
        RateLimits.IpRateLimit perIp = RateLimitsReader.perIp(limits.sub("sessions_per_ip", RateLimitsReader.PER_IP_KEYS),
                d.sessionsPerIp().limit().requests(), d.sessionsPerIp().limit().burst());
        RateLimits.RateLimit perKey = RateLimitsReader.perMinute(limits.sub("sessions_per_key",
                RateLimitsReader.PER_MINUTE_KEYS), d.sessionsPerKey().requests(), d.sessionsPerKey().burst());
        BifrostConfig.HeldRequests held = heldRequests(o.sub("held_requests", HELD_KEYS), d.heldRequests());
        Section r = o.sub("renewal", RENEWAL_KEYS);
        Duration certificate = r.opt("certificate_lifetime", d.renewal().certificateLifetime(), "a duration (e.g. 10m)",
                Values.duration(Duration.ofSeconds(5), Duration.ofDays(1)));
        Duration horizon = r.opt("max_horizon", d.renewal().maxHorizon(), "a duration (e.g. 7d)",
                Values.duration(Duration.ZERO, Duration.ofDays(366)));
        if (Boolean.TRUE.equals(strict)) {
            o.warnAtKey("strict_original", "anyone who sees a session id (it is in the QR code) can read the approved"
                    + " token: use only with clients that cannot send a poll token");
        }
        return o.failed() ? null : new BifrostConfig(enabled, prefix, ttl, lifetime, skew,
                Optional.ofNullable(publicBase), deepLink, strict, interval, perIp, perKey, held,
                new BifrostConfig.Renewal(certificate, horizon));
    }

    private static BifrostConfig.HeldRequests heldRequests(Section h, BifrostConfig.HeldRequests d) {
        Long max = h.opt("max", (long) d.max(), "a whole number", Values.integer(1, 1_000_000));
        Long reserved = h.opt("reserved_for_authenticated", max == null ? 0L : max / 4, "a whole number",
                Values.integer(0, 1_000_000)); // by default a quarter, as in the defaults (256 of 1,024)
        Long perNetwork = h.opt("per_client_network", (long) d.perClientNetwork(), "a whole number",
                Values.integer(1, 1_000_000));
        Long perSession = h.opt("per_session", (long) d.perSession(), "a whole number", Values.integer(1, 1_000));
        if (h.failed()) {
            return null;
        }
        if (reserved >= max) {
            h.errorAtKey("reserved_for_authenticated", "must be less than max (" + max + ")");
            return null;
        }
        return new BifrostConfig.HeldRequests(max.intValue(), reserved.intValue(), perNetwork.intValue(),
                perSession.intValue());
    }

    /** An http(s) URL without user info, query or fragment, as clients reach the gateway; no trailing slash kept. */
    static URI publicBaseUrl(String s) {
        URI u = Values.uri(s);
        String scheme = Values.schemeOf(u);
        if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || u.getRawUserInfo() != null
                || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("must be an http(s)://host[:port][/path] URL without query or"
                    + " credentials, was " + Problems.quote(s));
        }
        String text = u.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** A wallet link with {@code {session}} or {@code {session_url}} in it, e.g. {@code sea://auth?session={session}}. */
    static String deepLinkTemplate(String s) {
        String t = s.strip();
        try {
            DeepLink.of(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", was " + Problems.quote(s));
        }
        String scheme = t.substring(0, t.indexOf(':')).toLowerCase(Locale.ROOT);
        if (List.of("javascript", "data", "vbscript", "file").contains(scheme)) {
            throw new IllegalArgumentException("must not be a " + scheme + ": link (it is put in the session page),"
                    + " was " + Problems.quote(s));
        }
        return t;
    }
}
