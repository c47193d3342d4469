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

/**
 * The soak: mixed traffic on the gateways {@code soak.sh} started, first flat out for a while to measure the
 * maximum, then at a share of it for the soak's length. Every 10 s it records each kind's latency percentiles and
 * samples every gateway process (heap after GC, open files, threads) from outside. Writes {@code soak.csv},
 * {@code samples.csv}, {@code summary.md} and {@code soak.svg} to the output folder; exits 1 on any unexpected
 * answer or when a resource keeps growing after warm-up.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.turnpike.bench.soak.Soak --minutes 10 --load 0.5 --out DIR \
 *     --instance http://127.0.0.1:18402,WALLET_KEY,PID,GC_LOG [--instance …]
 * }</pre>
 */
public final class Soak {

    static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration WARM_UP = Duration.ofMinutes(2);

    private Soak() {}

    public static void main(String[] args) throws Exception {
        double minutes = 10;
        double load = 0.5;
        Path out = Path.of("soak-out");
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[i + 1]);
                case "--load" -> load = Double.parseDouble(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--instance" -> instances.add(Instance.parse(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (instances.isEmpty()) {
            System.err.println("usage: Soak [--minutes 10] [--load 0.5] [--out DIR] --instance URL,KEY,PID,GC_LOG …");
            System.exit(2);
        }
        Files.createDirectories(out);
        System.exit(run(instances, Duration.ofSeconds((long) (minutes * 60)), load, out) ? 0 : 1);
    }

    private static boolean run(List<Instance> instances, Duration length, double load, Path out) throws Exception {
        Traffic traffic = new Traffic(instances);
        traffic.prepare();
        Recorder recorder = new Recorder();
        Load driver = new Load(traffic, recorder);
        driver.maximum(64, Duration.ofSeconds(10)); // warm-up: JIT, pools, caches
        double maximum = driver.maximum(64, Duration.ofSeconds(20));
        long errorsBefore = recorder.unexpectedCount();
        recorder.restart();
        double rate = maximum * load;
        log("maximum %.0f ops/s of the mix; soaking at %.0f ops/s (%.0f %%) for %s on %d instance(s)", maximum, rate,
                load * 100, length, instances.size());
        Timeline timeline = new Timeline(instances, out);
        Thread[] atWarmUp = {Thread.ofVirtual().unstarted(timeline::measureLiveHeap)};
        driver.steady(rate, length, WINDOW, second -> {
            timeline.window(second, recorder.cut());
            if (second >= WARM_UP.toSeconds() && atWarmUp[0].getState() == Thread.State.NEW) {
                atWarmUp[0].start(); // beside the traffic, not in the way of the operations due
            }
        });
        if (atWarmUp[0].getState() != Thread.State.NEW) {
            atWarmUp[0].join();
        }
        timeline.measureLiveHeap();
        timeline.close();
        Verdict verdict = timeline.verdict(WARM_UP);
        writeSummary(out.resolve("summary.md"), maximum, rate, load, length, instances.size(), recorder, timeline,
                verdict, errorsBefore);
        Charts.write(out.resolve("soak.svg"), timeline, instances.size());
        log("%s", Files.readString(out.resolve("summary.md")));
        return recorder.unexpectedCount() == 0 && verdict.flat();
    }

    private static void writeSummary(Path file, double maximum, double rate, double load, Duration length,
            int instances, Recorder recorder, Timeline timeline, Verdict verdict, long errorsBefore)
            throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.printf(Locale.ROOT, "Soak: %d instance(s), %s, mix %s%n%n", instances, length, mix());
            w.printf(Locale.ROOT, "- maximum of the mix: %.0f ops/s (64 clients flat out, 20 s)%n", maximum);
            w.printf(Locale.ROOT, "- soak rate: %.0f ops/s = %.0f %% of the maximum; done: %d operations%n", rate,
                    load * 100, timeline.operations());
            w.printf(Locale.ROOT, "- unexpected answers: %d during the soak (%d while measuring the maximum)%n",
                    recorder.unexpectedCount() - errorsBefore, errorsBefore);
            recorder.firstErrors().forEach(e -> w.println("  - " + e));
            w.printf(Locale.ROOT, "- resources after warm-up (%s): %s%n%n", WARM_UP, verdict.describe());
            w.println("| kind | count | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
            w.println("|---|---:|---:|---:|---:|---:|---:|");
            recorder.totals().forEach((kind, h) -> w.printf(Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", kind.name().toLowerCase(Locale.ROOT),
                    h.getTotalCount(), Recorder.millis(h, 50), Recorder.millis(h, 90), Recorder.millis(h, 99),
                    Recorder.millis(h, 99.9), h.getMaxValue() / 1e6));
            w.println();
            w.println("Per minute, all kinds (ms):");
            w.println();
            timeline.minuteTable(w);
        }
    }

    private static String mix() {
        StringBuilder s = new StringBuilder();
        for (Kind k : Kind.values()) {
            s.append(s.isEmpty() ? "" : ", ").append(k.percent).append(" % ").append(k.name().toLowerCase(Locale.ROOT));
        }
        return s.toString();
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
        System.out.flush();
    }
}
