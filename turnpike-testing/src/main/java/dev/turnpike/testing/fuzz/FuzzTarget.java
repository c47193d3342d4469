package dev.turnpike.testing.fuzz;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** A Jazzer target class, and the JVM that fuzzes one: {@code main(className)} exits 0 if no finding was reported. */
final class FuzzTarget {
    private static final String FUZZ_TEST = "com.code_intelligence.jazzer.junit.FuzzTest";

    private FuzzTarget() {}

    /** Runs the {@code jazzer}-tagged tests of one class (the environment says fuzz) and exits with the verdict. */
    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(args[0]))
                .filters(TagFilter.includeTags("jazzer"))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printTo(new PrintWriter(System.out, true));
        summary.printFailuresTo(new PrintWriter(System.out, true), 50);
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
    }

    /** The names of the classes under {@code testClasses} named {@code *FuzzTest} with a {@code @FuzzTest} method. */
    static List<String> classesIn(Path testClasses) throws IOException {
        if (!Files.isDirectory(testClasses)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(testClasses)) {
            return files.map(f -> testClasses.relativize(f).toString())
                    .filter(f -> f.endsWith("FuzzTest.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .filter(FuzzTarget::hasFuzzTest)
                    .sorted()
                    .toList();
        }
    }

    private static boolean hasFuzzTest(String className) {
        try {
            Method[] methods = Class.forName(className, false, FuzzTarget.class.getClassLoader()).getDeclaredMethods();
            return Arrays.stream(methods).flatMap(m -> Arrays.stream(m.getAnnotations()))
                    .anyMatch(a -> a.annotationType().getName().equals(FUZZ_TEST));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a compiled test class cannot be loaded: " + className, e);
        }
    }
}
