package dev.turnpike.testing.fuzz;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzzes every Jazzer target of the module (a {@code *FuzzTest} class with a {@code @FuzzTest} method) for
 * {@code jazzer.max_duration}, one JVM each, and fails with the end of the target's output if Jazzer reports a
 * finding. A module runs it by declaring an empty subclass {@code FuzzTargetsIT}, which only the surefire execution
 * {@code fuzz} of the parent pom runs. {@code -Dtest=…} limits the run to
 * the targets it names.
 */
public abstract class FuzzTargetRuns {
    private static final Path TEST_CLASSES = Path.of("target", "test-classes");
    private static final Path LOGS = Path.of("target", "fuzz");
    private static final String SANITIZERS = "com.code_intelligence.jazzer.sanitizers.";
    /** Time for a JVM to start, instrument the code and write the corpus, on top of the fuzzing time. */
    private static final long GRACE_SECONDS = 300;

    /**
     * The targets start at once, as many at a time as there are cores (a target's JVM spends most of its time
     * starting and instrumenting, on one core), and each test waits for its own.
     */
    @TestFactory
    Stream<DynamicTest> eachTargetFuzzesWithoutAFinding() throws IOException {
        String selection = System.getProperty("test", "");
        List<String> targets = FuzzTarget.classesIn(TEST_CLASSES).stream()
                .filter(name -> selection.isEmpty() || isSelected(simpleName(name), selection)).toList();
        ExecutorService runs = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<?>> started = targets.stream().map(name -> runs.submit(() -> {
            fuzz(name);
            return null;
        })).collect(Collectors.toList());
        runs.shutdown();
        return IntStream.range(0, targets.size()).mapToObj(i -> dynamicTest(simpleName(targets.get(i)), () -> {
            try {
                started.get(i).get();
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }));
    }

    /** Whether {@code -Dtest} names the class, as surefire reads it: comma-separated, {@code *} wildcards. */
    private static boolean isSelected(String simpleName, String selection) {
        for (String pattern : selection.split(",")) {
            String classPart = pattern.strip().replaceFirst("#.*", "").replaceFirst(".*\\.", "");
            if (simpleName.matches(Pattern.quote(classPart).replace("*", "\\E.*\\Q"))) {
                return true;
            }
        }
        return false;
    }

    private static void fuzz(String targetClass) throws IOException, InterruptedException {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(simpleName(targetClass) + ".log");
        ProcessBuilder jvm = new ProcessBuilder(command(targetClass)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        jvm.environment().put("JAZZER_FUZZ", "1");
        Process process = jvm.start();
        if (!process.waitFor(durationSeconds() + GRACE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(simpleName(targetClass) + " did not finish; its output is in " + log.toAbsolutePath());
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            fail(simpleName(targetClass) + " found a bug (output: " + log.toAbsolutePath() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())));
        }
    }

    /** This JVM's java, flags and class path, with the jazzer, junit and logback settings it was given. */
    private static List<String> command(String targetClass) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+EnableDynamicAgentLoading"));
        for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
            String name = p.getKey().toString();
            if (name.startsWith("jazzer.") || name.startsWith("junit.") || name.startsWith("logback.")) {
                command.add("-D" + name + "=" + p.getValue());
            }
        }
        command.add("-Djazzer.hooks=true");
        String off = sanitizersOff(targetClass);
        if (!off.isEmpty()) {
            command.add("-Djazzer.disabled_hooks=" + off);
        }
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), FuzzTarget.class.getName(), targetClass));
        return command;
    }

    /** The sanitizers the target's {@link TrustedInput} turns off, as Jazzer's {@code disabled_hooks} list (path-separated). */
    static String sanitizersOff(String targetClass) {
        try {
            TrustedInput trusted = Class.forName(targetClass, false, FuzzTargetRuns.class.getClassLoader())
                    .getAnnotation(TrustedInput.class);
            return trusted == null ? "" : Arrays.stream(trusted.sanitizersOff())
                    .map(name -> SANITIZERS + name).collect(Collectors.joining(File.pathSeparator));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a compiled test class cannot be loaded: " + targetClass, e);
        }
    }

    private static long durationSeconds() {
        String duration = System.getProperty("jazzer.max_duration", "5m");
        return Duration.parse("PT" + duration.replace(" ", "").toUpperCase(Locale.ROOT)).toSeconds();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
