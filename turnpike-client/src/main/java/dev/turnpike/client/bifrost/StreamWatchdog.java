package dev.turnpike.client.bifrost;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a stream whose reader would otherwise block for good: a read of a response body has no timeout. It closes
 * the stream once {@code deadline} has passed on {@code clock}, or once nothing arrived for {@code idleLimit}
 * (a bridge sends heartbeats well within it). It looks once a second, on its own daemon thread.
 */
final class StreamWatchdog implements AutoCloseable {

    private final Closeable stream;
    private final Clock clock;
    private final Instant deadline;
    private final long idleLimitNanos;
    private final ScheduledExecutorService timer;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean fired;

    StreamWatchdog(Closeable stream, Clock clock, Instant deadline, Duration idleLimit) {
        this.stream = stream;
        this.clock = clock;
        this.deadline = deadline;
        this.idleLimitNanos = idleLimit.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "turnpike-bifrost-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** Something arrived. */
    void activity() {
        lastActivity = System.nanoTime();
    }

    /** Whether it closed the stream. */
    boolean fired() {
        return fired;
    }

    private void check() {
        if (!clock.instant().isBefore(deadline) || System.nanoTime() - lastActivity > idleLimitNanos) {
            fired = true;
            try {
                stream.close();
            } catch (IOException ignored) {
                // the reader sees the stream closed either way
            }
            timer.shutdown();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
