package dev.turnpike.bench.soak;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The soak's plot: four panels over time (latency, heap after GC, open files, threads), as one SVG file. */
final class Charts {

    private static final int WIDTH = 820;
    private static final int PANEL = 190;
    private static final int LEFT = 70;
    private static final int PLOT_WIDTH = WIDTH - LEFT - 140;
    private static final int PLOT_HEIGHT = PANEL - 60;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

    private record Series(String name, List<double[]> points) {}

    private Charts() {}

    static void write(Path file, Timeline timeline, int instances) throws IOException {
        List<Timeline.Point> points = timeline.points();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.printf(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
                    + "font-family='sans-serif' font-size='11'>%n<rect width='100%%' height='100%%' fill='white'/>%n",
                    WIDTH, PANEL * 4);
            panel(w, 0, "latency of all operations (ms)", List.of(
                    series("p50", points, p -> Recorder.millis(p.latency(), 50)),
                    series("p99", points, p -> Recorder.millis(p.latency(), 99)),
                    series("p99.9", points, p -> Recorder.millis(p.latency(), 99.9))));
            panel(w, 1, "heap after each young GC (MiB; old garbage counts until a mixed GC)", perInstance(points, instances,
                    s -> s.heapAfterGcBytes() / 1048576.0));
            panel(w, 2, "open file descriptors", perInstance(points, instances, s -> s.openFiles()));
            panel(w, 3, "threads", perInstance(points, instances, s -> s.threads()));
            w.println("</svg>");
        }
    }

    private static List<Series> perInstance(List<Timeline.Point> points, int instances,
            ToDoubleFunction<Instance.Sample> value) {
        List<Series> all = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            int instance = i;
            all.add(series("instance " + (i + 1), points, p -> value.applyAsDouble(p.samples().get(instance))));
        }
        return all;
    }

    private static Series series(String name, List<Timeline.Point> points, ToDoubleFunction<Timeline.Point> y) {
        return new Series(name, points.stream().map(p -> new double[] {p.second(), y.applyAsDouble(p)}).toList());
    }

    private static void panel(PrintWriter w, int index, String title, List<Series> series) {
        double maxX = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).max().orElse(1);
        double maxY = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(1) * 1.1;
        maxY = maxY <= 0 ? 1 : maxY;
        int top = index * PANEL + 30;
        w.printf(Locale.ROOT, "<text x='%d' y='%d' font-weight='bold'>%s</text>%n", LEFT, top - 10, title);
        w.printf(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#999'/>%n", LEFT, top,
                PLOT_WIDTH, PLOT_HEIGHT);
        w.printf(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>%s</text>%n", LEFT - 5, top + 10, number(maxY));
        w.printf(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>0</text>%n", LEFT - 5, top + PLOT_HEIGHT);
        w.printf(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>%.0f min</text>%n", LEFT + PLOT_WIDTH,
                top + PLOT_HEIGHT + 14, maxX / 60);
        for (int i = 0; i < series.size(); i++) {
            StringBuilder line = new StringBuilder();
            for (double[] p : series.get(i).points()) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + p[0] / maxX * PLOT_WIDTH,
                        top + PLOT_HEIGHT - Math.max(0, p[1]) / maxY * PLOT_HEIGHT));
            }
            String colour = COLOURS[i % COLOURS.length];
            w.printf(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='1.5' points='%s'/>%n", colour,
                    line.toString().trim());
            w.printf(Locale.ROOT, "<text x='%d' y='%d' fill='%s'>%s</text>%n", LEFT + PLOT_WIDTH + 10,
                    top + 12 + 14 * i, colour, series.get(i).name());
        }
    }

    private static String number(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
