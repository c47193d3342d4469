package dev.turnpike.gateway.metrics;

import java.util.Locale;

/** How the gateway answered a request; the {@code outcome} tag of {@code turnpike_requests_total}. */
public enum Outcome {
    FORWARDED, CHALLENGED, RATE_LIMITED, NOT_FOUND, BAD_REQUEST, UNAVAILABLE, UPSTREAM_ERROR, UPSTREAM_TIMEOUT,
    PREFLIGHT, API, UNAUTHORIZED, FORBIDDEN;

    final String tag = name().toLowerCase(Locale.ROOT);
}
