package dev.turnpike.bench.soak;

import dev.turnpike.bench.soak.Traffic.Kind;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** Drives {@link Traffic}: flat out to find the maximum, then at a fixed rate for the soak (open loop). */
final class Load {

    /** Operations in flight beyond which the soak counts the gateway as overloaded rather than queue more. */
    private static final int MAX_IN_FLIGHT = 4_000;

    private final Traffic traffic;
    private final Recorder recorder;

    Load(Traffic traffic, Recorder recorder) {
        this.traffic = traffic;
        this.recorder = recorder;
    }

    /** Operations per second with {@code workers} clients sending back to back for {@code duration}. */
    double maximum(int workers, Duration duration) throws InterruptedException {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < workers; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        runOne(pickKind(), System.nanoTime());
                        done.increment();
                    }
                });
            }
        }
        return done.sum() / (duration.toNanos() / 1e9);
    }

    /**
     * Starts {@code perSecond} operations a second, each on its own virtual thread, whatever the answers' speed,
     * for {@code duration}; calls {@code everyWindow} each {@code window} (on this thread).
     */
    void steady(double perSecond, Duration duration, Duration window, Consumer<Long> everyWindow)
            throws InterruptedException {
        AtomicLong inFlight = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long nextWindow = start + window.toNanos();
        long started = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long now = start; now < end; now = System.nanoTime()) {
                long due = (long) ((now - start) / 1e9 * perSecond);
                for (; started < due; started++) {
                    long dueAt = start + (long) (started / perSecond * 1e9);
                    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                        inFlight.decrementAndGet();
                        recorder.unexpected(Kind.PAID, "over " + MAX_IN_FLIGHT + " operations in flight");
                        continue;
                    }
                    pool.submit(() -> {
                        try {
                            runOne(pickKind(), dueAt);
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    });
                }
                if (now >= nextWindow) {
                    everyWindow.accept(TimeUnit.NANOSECONDS.toSeconds(now - start));
                    nextWindow += window.toNanos();
                }
                Thread.sleep(1);
            }
        }
        everyWindow.accept(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    private static Kind pickKind() {
        return Kind.pick(ThreadLocalRandom.current().nextInt(100));
    }

    private void runOne(Kind kind, long dueAt) {
        try {
            int status = traffic.run(kind);
            if (status == kind.expected) {
                recorder.ok(kind, System.nanoTime() - dueAt);
            } else {
                recorder.unexpected(kind, "status " + status);
            }
        } catch (Exception e) {
            recorder.unexpected(kind, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
