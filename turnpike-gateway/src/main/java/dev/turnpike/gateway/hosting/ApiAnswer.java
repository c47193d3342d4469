package dev.turnpike.gateway.hosting;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What a {@link JsonApi} answers: a whole {@link ApiResponse} now, one {@link Later} (a long-poll: no thread
 * waits for it), or an {@link EventStream} ({@code text/event-stream}, events pushed as they happen).
 */
public sealed interface ApiAnswer permits ApiResponse, ApiAnswer.Later, ApiAnswer.EventStream {

    /**
     * A response that comes when {@code response} completes, e.g. on a change or a timeout the API schedules
     * itself. If the client goes away first, the server cancels the future, so the API can forget its waiter; a
     * future completed exceptionally is answered 500 without detail. Counted against the API's {@link HeldLimits}
     * as {@code hold}.
     */
    record Later(CompletableFuture<ApiResponse> response, Hold hold) implements ApiAnswer {
        public Later {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(hold, "hold");
        }

        /** An {@link Hold#ANONYMOUS anonymous} late answer. */
        public Later(CompletableFuture<ApiResponse> response) {
            this(response, Hold.ANONYMOUS);
        }
    }

    /**
     * A {@code 200 text/event-stream} response held open: once its head is written, the server calls {@code open}
     * on the API's executor (it may block briefly, e.g. to read the current state) with the sink to send events
     * to. A comment line goes out every {@code heartbeat} so proxies keep the connection; the stream ends when the
     * API closes the sink, the client goes away, or the client stops reading.
     *
     * @param headers extra response headers
     * @param hold    what it counts as against the API's {@link HeldLimits}
     */
    record EventStream(Map<String, String> headers, Duration heartbeat, Consumer<EventSink> open, Hold hold)
            implements ApiAnswer {
        public EventStream {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(hold, "hold");
            if (heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException("heartbeat must be positive: " + heartbeat);
            }
        }

        /** An {@link Hold#ANONYMOUS anonymous} event stream. */
        public EventStream(Map<String, String> headers, Duration heartbeat, Consumer<EventSink> open) {
            this(headers, heartbeat, open, Hold.ANONYMOUS);
        }
    }
}
