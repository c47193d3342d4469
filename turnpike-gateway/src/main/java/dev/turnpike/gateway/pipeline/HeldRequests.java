package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.HeldLimits;
import dev.turnpike.gateway.hosting.Hold;
import dev.turnpike.gateway.ratelimit.ClientPrefix;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The places for one API's held requests ({@link HeldLimits}): a total, part of it reserved for authenticated holds,
 * and caps per client network and per scope, anonymous and authenticated holds counted apart. Thread-safe.
 */
final class HeldRequests {

    /** What {@link #take} gives: a place, or the answer saying why there is none. */
    sealed interface Taken permits Place, Full {}

    /** A place taken: give it back once with {@link #release}. */
    record Place(ClientPrefix.Network network, Hold hold) implements Taken {}

    /** No place: the problem to answer (503 or 429, with {@code Retry-After}). */
    record Full(ApiResponse answer) implements Taken {}

    /** What a count is kept for: a client network or a scope, for one kind of hold. */
    private record Key(boolean authenticated, Object of) {}

    private final HeldLimits limits;
    private final Map<Key, Integer> counts = new HashMap<>();
    private int total;
    private int anonymous;

    HeldRequests(HeldLimits limits) {
        this.limits = limits;
    }

    /** Takes a place for {@code hold} from {@code client}, or says why there is none (a problem to answer). */
    synchronized Taken take(InetAddress client, Hold hold) {
        ClientPrefix.Network network = ClientPrefix.DEFAULT.of(client);
        Key byNetwork = new Key(hold.authenticated(), network);
        Key byScope = hold.scope().isEmpty() ? null : new Key(hold.authenticated(), hold.scope());
        if (total >= limits.total()
                || (!hold.authenticated() && anonymous >= limits.total() - limits.reservedForAuthenticated())) {
            return full(503, "Service Unavailable", "too many requests are waiting: try again shortly");
        }
        if (count(byNetwork) >= limits.perClientNetwork()) {
            return full(429, "Too Many Requests", "too many requests from your network are waiting:"
                    + " close some first");
        }
        if (byScope != null && count(byScope) >= limits.perScope()) {
            return full(429, "Too Many Requests", "too many requests are waiting on the same thing:"
                    + " close some first");
        }
        total++;
        anonymous += hold.authenticated() ? 0 : 1;
        counts.merge(byNetwork, 1, Integer::sum);
        if (byScope != null) {
            counts.merge(byScope, 1, Integer::sum);
        }
        return new Place(network, hold);
    }

    /** Gives a place back. */
    synchronized void release(Place place) {
        Hold hold = place.hold();
        total--;
        anonymous -= hold.authenticated() ? 0 : 1;
        decrement(new Key(hold.authenticated(), place.network()));
        if (!hold.scope().isEmpty()) {
            decrement(new Key(hold.authenticated(), hold.scope()));
        }
    }

    private int count(Key key) {
        return counts.getOrDefault(key, 0);
    }

    private void decrement(Key key) {
        counts.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    private static Full full(int status, String title, String detail) {
        return new Full(ApiResponse.problem(status, title, detail).withHeader("Retry-After", "1"));
    }
}
