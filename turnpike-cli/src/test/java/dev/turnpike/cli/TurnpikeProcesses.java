package dev.turnpike.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line in processes of its own: {@code java … dev.turnpike.cli.Main args} on the tests' class path. */
final class TurnpikeProcesses {

    private TurnpikeProcesses() {}

    /** Starts {@code turnpike args} with {@code $TURNPIKE_HOME} and the JVM's temporary folder under {@code dir}. */
    static Process start(Path dir, List<String> args) throws IOException {
        // quick to start on busy cores: the first compiler only, and the simplest collector
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + temporaryFolder(dir), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TURNPIKE_HOME", dir.resolve("home").toString());
        return pb.start();
    }

    /** Where the processes started in {@code dir} make their temporary files. */
    static Path temporaryFolder(Path dir) throws IOException {
        return Files.createDirectories(dir.resolve("tmp"));
    }

    static BufferedReader lines(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads {@code out} up to the first line starting with {@code prefix}, and returns the rest of that line. */
    static String readUntil(BufferedReader out, String prefix, StringBuilder seen) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in:\n" + seen);
    }
}
