package dev.turnpike.gateway.proxy;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream failures of one service as events for the operator ({@code turnpike.event.upstream}, WARN): the service,
 * the upstream and the kind of failure, never a stack trace. At most one per {@value #EVERY_SECONDS} s per service;
 * the next one says how many were left out meanwhile. Thread-safe (every event loop forwards).
 */
final class UpstreamEvents {

    static final long EVERY_SECONDS = 10;
    private static final Logger EVENTS = LoggerFactory.getLogger("turnpike.event.upstream");

    private final String service;
    private final String upstream;
    private final AtomicLong nextAt = new AtomicLong(System.nanoTime());
    private final AtomicInteger suppressed = new AtomicInteger();

    UpstreamEvents(String service, String upstream) {
        this.service = service;
        this.upstream = upstream;
    }

    /** The kind of a failure to connect: connect_refused, connect_timeout, unknown_host or connect_failed. */
    static String connectKind(Throwable cause) {
        return switch (cause) {
            case ConnectTimeoutException t -> "connect_timeout";
            case ConnectException c when String.valueOf(c.getMessage()).contains("refused") -> "connect_refused";
            case UnknownHostException u -> "unknown_host";
            case IOException io when String.valueOf(io.getMessage()).contains("refused") -> "connect_refused";
            case null, default -> "connect_failed";
        };
    }

    /** {@code kind}: a connect kind, {@code timeout} (no response head in time) or {@code reset} (closed on us). */
    void failed(String kind) {
        long now = System.nanoTime();
        long next = nextAt.get();
        if (now - next < 0 || !nextAt.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(EVERY_SECONDS))) {
            suppressed.incrementAndGet();
            return;
        }
        EVENTS.atWarn().addKeyValue("service", service).addKeyValue("upstream", upstream).addKeyValue("kind", kind)
                .addKeyValue("suppressed", suppressed.getAndSet(0))
                .log("upstream of {} failed: {}", service, kind);
    }
}
