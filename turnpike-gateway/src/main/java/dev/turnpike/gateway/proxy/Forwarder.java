package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.metrics.ServiceMetrics;
import io.netty.handler.codec.http.HttpRequest;

/** Forwards requests to one upstream; made by {@link Upstreams}. Thread-safe (per-loop state inside). */
public final class Forwarder {

    private final UpstreamConnector connector;
    private final String basePath;
    private final ServiceMetrics metrics;
    private final long responseTimeoutMillis;
    private final UpstreamEvents events;

    Forwarder(UpstreamConnector connector, String basePath, ServiceMetrics metrics, long responseTimeoutMillis,
            UpstreamEvents events) {
        this.events = events;
        this.connector = connector;
        this.basePath = basePath;
        this.metrics = metrics;
        this.responseTimeoutMillis = responseTimeoutMillis;
    }

    /**
     * Starts forwarding {@code request}: its head now, its body as the client sends it (through the
     * listener registered on {@code down}). Hop-by-hop headers, Host and URI are rewritten for the upstream.
     * {@code startNanos} is when the request's head arrived ({@link System#nanoTime()}), for its duration.
     */
    public void forward(Downstream down, HttpRequest request, long startNanos) {
        if (!basePath.isEmpty()) {
            request.setUri(basePath + request.uri());
        }
        ProxyCall call = new ProxyCall(down, connector, request, metrics, events, responseTimeoutMillis,
                startNanos);
        down.listen(call);
        call.start();
    }
}
