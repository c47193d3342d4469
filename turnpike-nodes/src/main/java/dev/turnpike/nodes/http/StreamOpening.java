package dev.turnpike.nodes.http;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A streaming call whose answer may not have started yet. A refused connection, a refused credential or a failing
 * node answer at once; a node that accepted the stream may stay silent until it has something to say.
 */
public final class StreamOpening implements AutoCloseable {

    private final NodeHttp node;
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private final int maxLineBytes;
    private final String what;

    StreamOpening(NodeHttp node, CompletableFuture<HttpResponse<InputStream>> response, int maxLineBytes, String what) {
        this.node = node;
        this.response = response;
        this.maxLineBytes = maxLineBytes;
        this.what = what;
    }

    /**
     * The stream, if the node answered within {@code wait}; empty if it is still silent (the call stays open).
     *
     * @throws NodeCallException the node could not be reached or answered an error
     */
    public Optional<JsonLineStream> await(Duration wait) throws NodeCallException, InterruptedException {
        HttpResponse<InputStream> answer;
        try {
            answer = response.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillSilent) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw node.unreachable(e.getCause() != null ? e.getCause() : e);
        }
        return Optional.of(node.stream(answer, maxLineBytes, what));
    }

    /** The stream, waiting as long as the node stays silent (interrupt or {@link #close()} to stop). */
    public JsonLineStream await() throws NodeCallException, InterruptedException {
        HttpResponse<InputStream> answer;
        try {
            answer = response.get();
        } catch (ExecutionException e) {
            throw node.unreachable(e.getCause() != null ? e.getCause() : e);
        }
        return node.stream(answer, maxLineBytes, what);
    }

    /** Abandons the call (a stream already handed out is closed by its own {@code close}). */
    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> {
            try {
                r.body().close();
            } catch (java.io.IOException ignored) {
                // going away either way
            }
        });
    }
}
