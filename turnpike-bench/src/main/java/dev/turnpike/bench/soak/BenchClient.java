package dev.turnpike.bench.soak;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client side of {@code pg-bench.sh}, on the gateways {@code gateways.sh} starts:
 * <pre>{@code
 * BenchClient token URL WALLET_KEY            # pays for a token, prints its Authorization value
 * BenchClient cycles SECONDS URL,KEY [URL,KEY …]   # Bifrost login cycles/s, 16 apps at once
 * }</pre>
 */
public final class BenchClient {

    private static final int APPS = 16;

    private BenchClient() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("token")) {
            Instance instance = new Instance(URI.create(args[1]), args[2], -1, Path.of("-"));
            System.out.println(new Traffic(List.of(instance)).buyToken(instance));
        } else if (args.length >= 3 && args[0].equals("cycles")) {
            List<Instance> instances = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                String[] urlKey = args[i].split(",", 2);
                instances.add(new Instance(URI.create(urlKey[0]), urlKey[1], -1, Path.of("-")));
            }
            System.out.printf(Locale.ROOT, "%.1f%n", cycles(new Traffic(instances),
                    Duration.ofSeconds(Long.parseLong(args[1]))));
        } else {
            System.err.println("usage: BenchClient token URL WALLET_KEY | cycles SECONDS URL,KEY …");
            System.exit(2);
        }
    }

    /** Whole Bifrost logins per second, {@link #APPS} at a time, after a warm-up of a third of the time. */
    private static double cycles(Traffic traffic, Duration duration) throws Exception {
        run(traffic, duration.dividedBy(3), new LongAdder());
        LongAdder done = new LongAdder();
        run(traffic, duration, done);
        return done.sum() / (duration.toMillis() / 1000.0);
    }

    /** Fails on the first login that fails: a figure with failures in it would mean nothing. */
    private static void run(Traffic traffic, Duration duration, LongAdder done) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        List<Future<Object>> apps = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < APPS; i++) {
                apps.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        traffic.login();
                        done.increment();
                    }
                    return null;
                }));
            }
            for (Future<Object> app : apps) {
                app.get();
            }
        }
    }
}
