package dev.turnpike.gateway.ratelimit;

/**
 * A token-bucket setting: {@code permitsPerSecond} refill rate and {@code burst} capacity.
 * {@link #unlimited()} turns the limit off.
 */
public record RateLimit(double permitsPerSecond, int burst) {

    private static final RateLimit UNLIMITED = new RateLimit(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

    public RateLimit {
        if (!(permitsPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate limit needs a positive rate and a burst of at least 1");
        }
    }

    public static RateLimit unlimited() {
        return UNLIMITED;
    }

    public static RateLimit perSecond(double permitsPerSecond, int burst) {
        return new RateLimit(permitsPerSecond, burst);
    }

    public boolean isUnlimited() {
        return Double.isInfinite(permitsPerSecond);
    }
}
