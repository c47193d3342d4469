package dev.turnpike.gateway.hosting;

/**
 * The caps on the requests an API holds open at once (long-polls and event streams). Beyond {@code total}, or
 * {@code total - reservedForAuthenticated} for anonymous holds, the server answers 503; beyond a per-network or
 * per-scope cap, 429. Both with {@code Retry-After}, and the late answer cancelled.
 *
 * @param total                    all held requests of the API
 * @param reservedForAuthenticated of those, the places only {@link Hold#authenticated() authenticated} holds take
 * @param perClientNetwork         holds of one kind (anonymous or authenticated) from one client network (IPv4 /24,
 *                                 IPv6 /48)
 * @param perScope                 holds of one kind on one {@link Hold#scope() scope}
 */
public record HeldLimits(int total, int reservedForAuthenticated, int perClientNetwork, int perScope) {

    public HeldLimits {
        if (total < 1 || reservedForAuthenticated < 0 || reservedForAuthenticated >= total || perClientNetwork < 1
                || perScope < 1) {
            throw new IllegalArgumentException("held-request limits need total ≥ 1, 0 ≤ reserved < total and"
                    + " positive per-network and per-scope caps: " + total + ", " + reservedForAuthenticated + ", "
                    + perClientNetwork + ", " + perScope);
        }
    }

    /** Only a total: no reserve, and no cap per network or scope below it. */
    public static HeldLimits total(int total) {
        return new HeldLimits(total, 0, total, total);
    }
}
