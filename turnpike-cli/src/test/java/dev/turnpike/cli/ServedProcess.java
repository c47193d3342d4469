package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code turnpike serve} in a JVM of its own, as an operator runs it: the addresses it printed, its admin secret,
 * and a {@code kill -9} that gives it no chance to clean up. Its output is drained (and kept for failure messages)
 * so that it never blocks on a full pipe.
 */
final class ServedProcess implements AutoCloseable {

    private static final long WAIT_SECONDS = 60;

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final URI proxy;
    private final URI admin;
    private final URI bifrost;
    private final String adminBearer;

    private ServedProcess(Process process, Path dataDir) throws IOException {
        this.process = process;
        try {
            BufferedReader out = TurnpikeProcesses.lines(process);
            proxy = URI.create("http://" + TurnpikeProcesses.readUntil(out, "listening: ", output));
            admin = URI.create(TurnpikeProcesses.readUntil(out, "admin: ", output).split(" ")[0]);
            bifrost = URI.create(TurnpikeProcesses.readUntil(out, "bifrost: ", output));
            adminBearer = "Bearer " + Files.readString(dataDir.resolve("admin.secret")).strip();
            Thread.ofPlatform().daemon().name("drain-" + process.pid()).start(() -> drain(out));
        } catch (IOException | RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Starts serving {@code config}; {@link #await} then waits until it serves. */
    static Process launch(Path dir, Path config) throws IOException {
        return TurnpikeProcesses.start(dir, List.of("serve", "--config", config.toString()));
    }

    /**
     * The gateway {@code launched} once it has printed its addresses; its configuration's {@code data_dir} is
     * {@code dataDir}, with the admin API and the bridge on.
     */
    static ServedProcess await(Process launched, Path dataDir) throws IOException {
        return new ServedProcess(launched, dataDir);
    }

    private void drain(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            synchronized (output) { // the pipe went with the process
                output.append("(output ended: ").append(e.getMessage()).append(")\n");
            }
        }
    }

    URI proxy(String path) {
        return proxy.resolve(path);
    }

    URI admin(String path) {
        return admin.resolve(path);
    }

    /** The bridge's API, {@code …/api/auth} + {@code path}. */
    URI bridge(String path) {
        return URI.create(bifrost + "/api/auth" + path);
    }

    String adminBearer() {
        return adminBearer;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, then waits until the process is gone: no shutdown hook, no close, whatever it was doing. */
    void kill9() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        process.destroyForcibly();
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("killed in time").isTrue();
        assertThat(process.exitValue()).as("died of SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(handle.isAlive()).isFalse();
        assertThat(ProcessHandle.of(handle.pid()).filter(ProcessHandle::isAlive)).as("pid " + handle.pid()).isEmpty();
    }

    /** What the process printed so far. */
    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
