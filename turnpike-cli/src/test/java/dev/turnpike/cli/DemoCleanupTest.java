package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./turnpike demo} keeps its state (admin secret, node key, preimages) in a temporary folder and removes it
 * however it is stopped: Ctrl-C (SIGINT) and {@code kill} (SIGTERM), in a process of its own.
 */
class DemoCleanupTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void theDemosTemporaryFolderIsRemovedWhenItIsStoppedBy(String signal) throws Exception {
        Process demo = TurnpikeProcesses.start(dir, List.of("demo"));
        try {
            TurnpikeProcesses.readUntil(TurnpikeProcesses.lines(demo), "serving until interrupted",
                    new StringBuilder());
            assertThat(demoFolders()).as("while it serves").hasSize(1);
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(demo.pid())).start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo stops").isTrue();
        } finally {
            demo.destroyForcibly();
        }
        assertThat(demoFolders()).as("after SIG" + signal).isEmpty();
    }

    private List<Path> demoFolders() throws Exception {
        try (Stream<Path> files = Files.list(TurnpikeProcesses.temporaryFolder(dir))) {
            return files.filter(p -> p.getFileName().toString().startsWith("turnpike-demo")).toList();
        }
    }
}
