package dev.turnpike.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One gateway process under soak: where it listens, its dev wallet, and what the sampler reads of it from outside
 * (its {@code /proc} entry and its GC log), so that measuring never asks the gateway itself.
 *
 * @param base      the proxy listener, {@code http://127.0.0.1:port}
 * @param walletKey the key of a funded dev wallet on its embedded node ({@code serve} prints it)
 * @param pid       the gateway's process id
 * @param gcLog     the file of {@code -Xlog:gc:file=…}
 */
record Instance(URI base, String walletKey, long pid, Path gcLog) {

    /** {@code http://127.0.0.1:8402,KEY,PID,/path/gc.log}, as soak.sh passes it. */
    static Instance parse(String text) {
        String[] parts = text.split(",", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("an instance is URL,WALLET_KEY,PID,GC_LOG, not " + text);
        }
        return new Instance(URI.create(parts[0]), parts[1], Long.parseLong(parts[2]), Path.of(parts[3]));
    }

    URI resolve(String path) {
        return base.resolve(path);
    }

    /** What the sampler saw of the process at one moment. */
    record Sample(long openFiles, long threads, long heapAfterGcBytes) {}

    Sample sample() throws IOException {
        return new Sample(openFiles(), threads(), heapAfterLastGc());
    }

    private long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }

    private long threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.substring("Threads:".length()).trim());
            }
        }
        throw new IOException("no Threads: line in /proc/" + pid + "/status");
    }

    /**
     * The heap still in use after a full collection, asked for with {@code jcmd PID GC.run} (one pause): the
     * objects the gateway really holds, where a young collection's figure also counts old garbage not yet collected.
     */
    long liveHeapBytes() throws IOException, InterruptedException {
        int before = Files.readAllLines(gcLog).size();
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " GC.run failed");
        }
        for (int tries = 0; tries < 100; tries++) {
            List<String> lines = Files.readAllLines(gcLog);
            for (String line : lines.subList(before, lines.size())) {
                Matcher m = AFTER_GC.matcher(line);
                if (line.contains("Pause Full") && m.find()) {
                    return bytes(m);
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("no full collection in " + gcLog + " after jcmd GC.run");
    }

    // "[12.3s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 52M->11M(256M) 3.4ms": 11M
    private static final Pattern AFTER_GC = Pattern.compile("->(\\d+)([KMG])\\(");

    private static long bytes(Matcher m) {
        long unit = switch (m.group(2)) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            default -> 1L << 30;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    /** The heap in use after the newest collection in the GC log, or -1 before the first one. */
    private long heapAfterLastGc() throws IOException {
        List<String> lines = Files.readAllLines(gcLog);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = AFTER_GC.matcher(lines.get(i));
            if (m.find()) {
                return bytes(m);
            }
        }
        return -1;
    }
}
