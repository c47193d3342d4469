package dev.turnpike.bench.soak;

import dev.turnpike.bench.soak.Traffic.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * What the soak saw, window by window: a latency histogram per kind of operation (from the time the operation was
 * due, so a stalled gateway cannot hide its queue), and every unexpected answer, kept for the report.
 */
final class Recorder {

    private static final long MAX_NANOS = 60_000_000_000L;

    private final Map<Kind, org.HdrHistogram.Recorder> latencies = new EnumMap<>(Kind.class);
    private final Map<Kind, Histogram> total = new EnumMap<>(Kind.class);
    private final AtomicLong unexpected = new AtomicLong();
    private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

    Recorder() {
        for (Kind k : Kind.values()) {
            latencies.put(k, new org.HdrHistogram.Recorder(3));
            total.put(k, new Histogram(MAX_NANOS, 3));
        }
    }

    void ok(Kind kind, long nanos) {
        latencies.get(kind).recordValue(Math.min(nanos, MAX_NANOS));
    }

    void unexpected(Kind kind, String what) {
        if (unexpected.incrementAndGet() <= 20) {
            firstErrors.add(kind + ": " + what);
        }
    }

    long unexpectedCount() {
        return unexpected.get();
    }

    List<String> firstErrors() {
        return new ArrayList<>(firstErrors);
    }

    /** One window's figures per kind, and the same kinds merged. */
    record Window(Map<Kind, Histogram> byKind, Histogram all) {
        long count() {
            return all.getTotalCount();
        }
    }

    /** Ends the current window and starts the next; the ended one is added to the totals. */
    Window cut() {
        Map<Kind, Histogram> byKind = new EnumMap<>(Kind.class);
        Histogram all = new Histogram(MAX_NANOS, 3);
        for (Kind k : Kind.values()) {
            Histogram h = latencies.get(k).getIntervalHistogram();
            byKind.put(k, h);
            all.add(h);
            total.get(k).add(h);
        }
        return new Window(byKind, all);
    }

    /** Forgets everything recorded so far (the warm-up and the search for the maximum), errors aside. */
    void restart() {
        cut();
        total.values().forEach(Histogram::reset);
    }

    Map<Kind, Histogram> totals() {
        return total;
    }

    static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e6;
    }
}
