package dev.turnpike.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The system Chromium ({@code /usr/bin/chromium}, Debian's {@code chromium} package), headless, driven by
 * {@code playwright-core} from the npm registry through {@code src/test/browser/session-page.js}. The package is
 * installed from the committed lockfile into {@code target/browser-js} ({@code npm ci --ignore-scripts}: no browser
 * download). Where node, npm or Chromium is missing the tests are skipped with a loud message, except under CI
 * ({@code CI=true}), where that fails the build.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("src/test/browser");
    private static final Path WORK = Path.of("target/browser-js");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "session-page.js");
    private static final long INSTALL_TIMEOUT_SECONDS = 300;

    private final Process process;
    private final BufferedReader out;
    private final Path errors;

    private HeadlessChromium(Process process, Path errors) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.errors = errors;
    }

    /** Opens {@code url} and waits there until the page shows {@code expectedState}, then screenshots it. */
    static HeadlessChromium open(String url, String expectedState, Path screenshot) {
        requirePresent();
        install();
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            Path errors = Files.createTempFile("chromium", ".err");
            Process p = new ProcessBuilder("node", "session-page.js", url, expectedState,
                    screenshot.toAbsolutePath().toString(), profile.toString())
                    .directory(WORK.toFile())
                    .redirectError(errors.toFile())
                    .start();
            return new HeadlessChromium(p, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next report of the page script; fails with the script's errors if it ended instead. */
    JsonNode next() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("the browser script ended: " + Files.readString(errors));
        }
        JsonNode event = JSON.readTree(line);
        if (event.path("event").asText().equals("failed")) {
            throw new IllegalStateException("the browser script failed: " + event.path("message").asText());
        }
        return event;
    }

    @Override
    public void close() throws IOException {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(errors);
    }

    private static void requirePresent() {
        String missing = !runs("node", "--version") ? "'node' is not on the PATH"
                : !runs("npm", "--version") ? "'npm' is not on the PATH"
                : !Files.isExecutable(CHROMIUM) ? CHROMIUM + " is missing (apt-get install chromium chromium-driver)"
                : null;
        if (missing == null) {
            return;
        }
        String message = missing + ": the session page test in a real headless Chromium CANNOT RUN.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: failing instead of skipping)");
        }
        System.err.println("\n*** SKIPPED: " + message + " ***\n");
        Assumptions.abort(message);
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Installs once per lockfile content (a changed lockfile reinstalls). */
    private static synchronized void install() {
        try {
            Files.createDirectories(WORK);
            for (String f : FILES) {
                Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            String lock = Files.readString(WORK.resolve("package-lock.json"));
            Path stamp = WORK.resolve("node_modules/.turnpike-lock");
            if (Files.exists(stamp) && Files.readString(stamp).equals(lock)) {
                return;
            }
            Process p = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                    .directory(WORK.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed:\n" + output);
            }
            Files.writeString(stamp, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
