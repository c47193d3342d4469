package dev.turnpike.gateway.api;

/**
 * A JSON API mounted on one of the gateway's listeners under a path prefix. {@link #handle} may block
 * (database, Lightning node): the server calls it off the event loop. It answers every client mistake
 * with a 4xx response; an exception it throws is answered 500 without detail, and logged.
 */
public interface JsonApi {

    /** Where it is mounted, e.g. {@code /devwallet}; "" for the root. */
    String prefix();

    ApiResponse handle(ApiRequest request) throws Exception;
}
