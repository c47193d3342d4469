package dev.turnpike.client.bifrost;

/** How the application waits for the wallet's answer. Either way, plain polling is the fallback. */
public enum WaitMode {
    /**
     * {@code GET /api/auth/{id}?wait=25} with the application's credential: the bridge holds the request until the
     * session changes, and the answer to the approval carries the token. Against a bridge that answers at once this
     * is plain polling, every {@code interval} seconds, slower after {@code slow_down}.
     */
    LONG_POLL,
    /**
     * The session's server-sent events ({@code /api/auth/{id}/events}) until it leaves {@code pending}, then one
     * read of the token. Falls back to {@link #LONG_POLL} if the bridge has no event stream or it breaks off.
     */
    EVENTS
}
