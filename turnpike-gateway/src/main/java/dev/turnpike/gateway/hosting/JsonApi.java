package dev.turnpike.gateway.hosting;

/**
 * A JSON API mounted on one of the gateway's listeners under a path prefix. {@link #handle} may block
 * (database, Lightning node): the server calls it off the event loop. It answers every client mistake
 * with a 4xx response; an exception it throws is answered 500 without detail, and logged.
 *
 * <p>Most APIs answer a whole {@link ApiResponse}; an API may instead answer {@link ApiAnswer.Later later}
 * (long-poll) or with an {@link ApiAnswer.EventStream event stream}, holding the connection but no thread.
 */
public interface JsonApi {

    /** The default of {@link #maxHeldRequests()}. */
    int DEFAULT_MAX_HELD_REQUESTS = 1024;

    /** Where it is mounted, e.g. {@code /devwallet}; "" for the root. */
    String prefix();

    ApiAnswer handle(ApiRequest request) throws Exception;

    /**
     * Whether this API serves {@code path} (below the prefix); the others pass on to the routes. Default: every path
     * under the prefix, so an API mounted at the root must override this to claim only its own paths.
     */
    default boolean claims(String path) {
        return true;
    }

    /**
     * The most requests answered later or streaming at once; beyond it the server answers 503 with
     * {@code Retry-After} (and cancels the late answer).
     */
    default int maxHeldRequests() {
        return DEFAULT_MAX_HELD_REQUESTS;
    }

    /**
     * All the caps on held requests; by default only {@link #maxHeldRequests()} in all. An API open to anyone that
     * holds requests should cap them per client network and per scope, and reserve places for its authenticated
     * callers.
     */
    default HeldLimits heldLimits() {
        return HeldLimits.total(maxHeldRequests());
    }
}
