package dev.turnpike.bench.soak;

import dev.turnpike.bench.soak.Traffic.Kind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/** The soak window by window: latency per window, process samples per instance, kept and written as CSV. */
final class Timeline implements AutoCloseable {

    /** One window: when it ended (seconds into the soak), its merged latencies, and each instance's sample. */
    record Point(long second, Histogram latency, List<Instance.Sample> samples) {}

    private final List<Instance> instances;
    private final List<Point> points = new ArrayList<>();
    private final List<Long> liveAtWarmUp = new ArrayList<>();
    private final List<Long> liveAtEnd = new ArrayList<>();
    private final PrintWriter latencyCsv;
    private final PrintWriter sampleCsv;

    Timeline(List<Instance> instances, Path out) throws IOException {
        this.instances = instances;
        latencyCsv = new PrintWriter(Files.newBufferedWriter(out.resolve("soak.csv")));
        sampleCsv = new PrintWriter(Files.newBufferedWriter(out.resolve("samples.csv")));
        StringBuilder head = new StringBuilder("second,ops");
        for (Kind k : Kind.values()) {
            String n = k.name().toLowerCase(Locale.ROOT);
            head.append(',').append(n).append("_count,").append(n).append("_p50_ms,").append(n).append("_p99_ms");
        }
        latencyCsv.println(head.append(",all_p50_ms,all_p99_ms,all_p999_ms"));
        sampleCsv.println("second,instance,pid,heap_after_gc_bytes,open_files,threads");
    }

    void window(long second, Recorder.Window w) {
        List<Instance.Sample> samples = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            Instance.Sample s = sample(instances.get(i));
            samples.add(s);
            sampleCsv.printf(Locale.ROOT, "%d,%d,%d,%d,%d,%d%n", second, i + 1, instances.get(i).pid(),
                    s.heapAfterGcBytes(), s.openFiles(), s.threads());
        }
        StringBuilder row = new StringBuilder().append(second).append(',').append(w.count());
        w.byKind().forEach((k, h) -> row.append(String.format(Locale.ROOT, ",%d,%.3f,%.3f", h.getTotalCount(),
                Recorder.millis(h, 50), Recorder.millis(h, 99))));
        latencyCsv.println(row.append(String.format(Locale.ROOT, ",%.3f,%.3f,%.3f", Recorder.millis(w.all(), 50),
                Recorder.millis(w.all(), 99), Recorder.millis(w.all(), 99.9))));
        latencyCsv.flush();
        sampleCsv.flush();
        points.add(new Point(second, w.all(), samples));
    }

    private static Instance.Sample sample(Instance instance) {
        try {
            return instance.sample();
        } catch (IOException e) { // the process is gone: the verdict will say so
            return new Instance.Sample(-1, -1, -1);
        }
    }

    /** Measures each instance's live heap (a full collection each): at the end of the warm-up, then at the end. */
    void measureLiveHeap() {
        List<Long> into = liveAtWarmUp.size() < instances.size() ? liveAtWarmUp : liveAtEnd;
        for (Instance instance : instances) {
            try {
                into.add(instance.liveHeapBytes());
            } catch (IOException e) {
                into.add(-1L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                into.add(-1L);
            }
        }
    }

    List<Point> points() {
        return points;
    }

    long operations() {
        return points.stream().mapToLong(p -> p.latency().getTotalCount()).sum();
    }

    /** Percentiles per minute of all operations together. */
    void minuteTable(PrintWriter w) {
        w.println("| minute | ops/s | p50 | p90 | p99 | p99.9 | max |");
        w.println("|---:|---:|---:|---:|---:|---:|---:|");
        Histogram minute = new Histogram(60_000_000_000L, 3);
        long from = 0;
        for (Point p : points) {
            minute.add(p.latency());
            if (p.second() - from >= 60 || p == points.getLast()) {
                w.printf(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", (p.second() + 59) / 60,
                        minute.getTotalCount() / (double) Math.max(1, p.second() - from), Recorder.millis(minute, 50),
                        Recorder.millis(minute, 90), Recorder.millis(minute, 99), Recorder.millis(minute, 99.9),
                        minute.getMaxValue() / 1e6);
                minute.reset();
                from = p.second();
            }
        }
    }

    /**
     * Flat: after {@code warmUp}, each instance's highest value in the last minute is within a tolerance of its
     * highest in the first minute (open files +10 % + 8, threads +10 % + 4), and the live heap after a full collection
     * at the end within +25 % + 16 MiB of the one at the end of the warm-up.
     */
    Verdict verdict(Duration warmUp) {
        List<Point> after = points.stream().filter(p -> p.second() > warmUp.toSeconds()).toList();
        List<String> findings = new ArrayList<>();
        boolean flat = after.size() >= 12;
        if (!flat) {
            findings.add("too short to judge (" + after.size() + " windows after warm-up)");
        }
        for (int i = 0; i < instances.size() && flat; i++) {
            int instance = i;
            flat &= check(findings, after, instance, "open files", s -> s.openFiles(), 0.10, 8);
            flat &= check(findings, after, instance, "threads", s -> s.threads(), 0.10, 4);
            long first = liveAtWarmUp.get(instance) >> 20;
            long last = liveAtEnd.get(instance) >> 20;
            boolean ok = first >= 0 && last >= 0 && last <= first * 1.25 + 16;
            findings.add(String.format(Locale.ROOT, "#%d live heap MiB (after a full GC) %d → %d%s", instance + 1,
                    first, last, ok ? "" : " (GROWING)"));
            flat &= ok;
        }
        return new Verdict(flat, String.join("; ", findings));
    }

    private static boolean check(List<String> findings, List<Point> after, int instance, String what,
            ToLongFunction<Instance.Sample> value, double share, long slack) {
        long first = max(after.subList(0, 6), instance, value);
        long last = max(after.subList(after.size() - 6, after.size()), instance, value);
        boolean ok = first >= 0 && last >= 0 && last <= first * (1 + share) + slack;
        findings.add(String.format(Locale.ROOT, "#%d %s %d → %d%s", instance + 1, what, first, last,
                ok ? "" : " (GROWING)"));
        return ok;
    }

    private static long max(List<Point> points, int instance, ToLongFunction<Instance.Sample> value) {
        return points.stream().mapToLong(p -> value.applyAsLong(p.samples().get(instance))).max().orElse(-1);
    }

    @Override
    public void close() {
        latencyCsv.close();
        sampleCsv.close();
    }
}
