package dev.turnpike.gateway.hosting;

/**
 * Where an {@link ApiAnswer.EventStream} sends its events. Thread-safe: events may come from any thread and are
 * written in the order {@link #send} was called on one thread. Never blocks.
 */
public interface EventSink {

    /** Queues {@code event} for the client; false once the stream has ended (nothing is sent then). */
    boolean send(ServerSentEvent event);

    /** Ends the stream after the events already sent; the connection serves the next request. Idempotent. */
    void close();

    /**
     * Runs {@code action} once when the stream ends, whoever ended it (the API, the client, a client that stops
     * reading, the server stopping); at once if it has already ended. Actions run on the connection's event loop
     * and must not block.
     */
    void onClose(Runnable action);
}
