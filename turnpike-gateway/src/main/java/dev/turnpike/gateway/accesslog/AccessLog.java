package dev.turnpike.gateway.accesslog;

import dev.turnpike.gateway.config.AccessLogConfig;
import io.micrometer.core.instrument.Counter;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log's queue and its writer thread. The event loop only {@link #offer offers} a record: when the
 * bounded queue is full the record is dropped and counted ({@code turnpike_access_log_dropped_total}), never waited
 * for. The writer takes records in batches, formats and writes them, and flushes after each batch.
 *
 * <p>Nothing wakes the writer: it looks at the queue every {@value #IDLE_MILLIS} ms when it found it empty. A writer
 * woken per record (a blocking queue's {@code take}) costs a thread switch per request, which on a busy core cut the
 * proxy's requests/s to a quarter (BENCHMARKS.md); the queue is lock-free for the same reason.
 */
public final class AccessLog implements AutoCloseable {

    /** Records waiting for the writer at most; beyond, they are dropped. */
    static final int CAPACITY = 16_384;
    private static final int BATCH = 1024;
    private static final long IDLE_MILLIS = 10;
    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    /** The writer thread's name. */
    static final String WRITER = "turnpike-access-log";

    private final Queue<AccessRecord> queue = PlatformDependent.newFixedMpscQueue(CAPACITY);
    private final double sample;
    private final AccessSink sink;
    private final Counter dropped;
    private final Thread writer;
    private volatile boolean closing;

    private AccessLog(double sample, AccessSink sink, Counter dropped) {
        this.sample = sample;
        this.sink = sink;
        this.dropped = dropped;
        this.writer = Thread.ofPlatform().name(WRITER).daemon().unstarted(this::run);
    }

    /**
     * A started access log as configured, counting lines it drops on {@code dropped}; null when it is off. Without a
     * file of its own it writes to {@code stream} when there is one, else through SLF4J.
     */
    public static AccessLog start(AccessLogConfig config, Counter dropped, Optional<LogStream> stream)
            throws IOException {
        if (!config.enabled()) {
            return null;
        }
        AccessSink sink = config.file().isPresent() ? AccessSink.file(config.file().get())
                : stream.map(AccessSink::stream).orElseGet(AccessSink::logger);
        AccessLog accessLog = new AccessLog(config.sample(), sink, dropped);
        accessLog.writer.start();
        return accessLog;
    }

    /** Whether to log the request that starts now (the configured share of them). */
    public boolean sampled() {
        return sample >= 1 || (sample > 0 && ThreadLocalRandom.current().nextDouble() < sample);
    }

    /** Queues a record for the writer, or drops and counts it when the queue is full; never blocks. */
    public void offer(AccessRecord record) {
        if (closing || !queue.offer(record)) {
            dropped.increment();
        }
    }

    private void run() {
        List<AccessRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            for (AccessRecord r; batch.size() < BATCH && (r = queue.poll()) != null; ) {
                batch.add(r);
            }
            if (batch.isEmpty()) {
                if (closing || Thread.interrupted()) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
                continue;
            }
            try {
                for (AccessRecord r : batch) {
                    sink.write(r);
                }
                sink.flush();
            } catch (IOException | RuntimeException e) {
                log.warn("access log lines were lost: {}", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes what is queued, then stops the writer and closes the file. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sink.close();
        } catch (IOException e) {
            log.warn("the access log could not be closed: {}", e.toString());
        }
    }
}
