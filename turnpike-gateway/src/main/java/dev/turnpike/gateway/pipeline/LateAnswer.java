package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.proxy.DownstreamListener;
import io.netty.handler.codec.http.HttpContent;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request whose answer comes when a future completes (a long-poll). No thread waits: the completion is
 * written on the connection's event loop. A client that goes away first cancels the future, so whoever would
 * complete it can let go.
 */
final class LateAnswer implements DownstreamListener {

    private static final Logger log = LoggerFactory.getLogger(LateAnswer.class);

    private final Exchange exchange;
    private final CompletableFuture<ApiResponse> response;
    private final Runnable release;
    private boolean done;

    LateAnswer(Exchange exchange, CompletableFuture<ApiResponse> response, Runnable release) {
        this.exchange = exchange;
        this.response = response;
        this.release = release;
    }

    /** On the event loop, once the request body has been read. */
    void await() {
        if (!exchange.downstream.context().channel().isActive()) {
            onClosed(); // the client left while the API was working: its close went to the body reader
            return;
        }
        exchange.downstream.listen(this);
        response.whenComplete((r, failure) -> exchange.eventLoop().execute(() -> complete(r, failure)));
    }

    private void complete(ApiResponse r, Throwable failure) {
        if (done) {
            return;
        }
        done = true;
        release.run();
        if (!exchange.downstream.context().channel().isActive()) {
            return;
        }
        if (failure != null && !(failure instanceof CancellationException)) {
            log.error("a late API answer failed", failure);
        }
        exchange.metrics.outcome(Outcome.API);
        exchange.downstream.respondAfterBody(ApiStage.toHttp(failure == null ? r : ApiStage.internalError()));
    }

    @Override
    public void onContent(HttpContent content) {
        content.release(); // the body was read whole before: nothing belongs to this exchange any more
    }

    @Override
    public void onWritabilityChanged() {}

    @Override
    public void onClosed() {
        response.cancel(false);
        if (!done) {
            done = true;
            release.run();
        }
    }
}
