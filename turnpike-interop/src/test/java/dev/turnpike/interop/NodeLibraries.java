package dev.turnpike.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real npm libraries through {@code src/test/js/interop.js} (bolt11, macaroon, lsat-js) and
 * {@code src/test/js/bifrost.mjs} (tweetnacl, bs58, jose).
 *
 * <p>The packages are installed from the committed lockfile into {@code target/interop-js}
 * ({@code npm ci --ignore-scripts}: native add-ons are skipped, the libraries fall back to their
 * pure-JS code). Where {@code node} or {@code npm} is missing the tests are skipped with a loud
 * message, except under CI ({@code CI=true}), where a missing runtime fails the build.
 */
final class NodeLibraries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("src/test/js");
    private static final Path WORK = Path.of("target/interop-js");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "interop.js", "bifrost.mjs");
    private static final long TIMEOUT_SECONDS = 300;

    private static NodeLibraries instance;

    private NodeLibraries() {}

    /** The installed libraries, or an aborted (skipped) test where node is absent outside CI. */
    static synchronized NodeLibraries get() {
        if (instance == null) {
            requireTool("node");
            requireTool("npm");
            install();
            instance = new NodeLibraries();
        }
        return instance;
    }

    /** Runs one interop command; a library that rejects the input fails with its own message. */
    JsonNode call(String command, Map<String, ?> request) {
        return callScript("interop.js", command, request);
    }

    /** Runs one command of the Bifrost script (tweetnacl, bs58, jose), as {@link #call}. */
    JsonNode callBifrost(String command, Map<String, ?> request) {
        return callScript("bifrost.mjs", command, request);
    }

    private JsonNode callScript(String script, String command, Map<String, ?> request) {
        Result r = run(List.of("node", script, command), JSON.valueToTree(request).toString());
        if (r.exitCode != 0) {
            throw new LibraryRejected(command + " failed (exit " + r.exitCode + "): " + r.stderr.strip());
        }
        try {
            return JSON.readTree(r.stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("interop.js printed no JSON: " + r.stdout, e);
        }
    }

    /** A third-party library refused our bytes. */
    static final class LibraryRejected extends RuntimeException {
        LibraryRejected(String message) {
            super(message);
        }
    }

    private static void requireTool(String tool) {
        boolean present;
        try {
            present = run(List.of(tool, "--version"), "").exitCode == 0;
        } catch (UncheckedIOException e) {
            present = false;
        }
        if (present) {
            return;
        }
        String message = "'" + tool + "' is not on the PATH: the interoperability tests with the npm"
                + " libraries (bolt11, macaroon, lsat-js, tweetnacl, bs58, jose) CANNOT RUN."
                + " Install Node.js (>= 20) and npm.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: failing instead of skipping)");
        }
        System.err.println("\n*** SKIPPED: " + message + " ***\n");
        Assumptions.abort(message);
    }

    /** Installs once per lockfile content; a changed lockfile reinstalls. */
    private static void install() {
        try {
            Files.createDirectories(WORK);
            for (String f : FILES) {
                Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            String lockHash = sha256(Files.readAllBytes(WORK.resolve("package-lock.json")));
            Path stamp = WORK.resolve("node_modules/.turnpike-lock-sha256");
            if (Files.exists(stamp) && Files.readString(stamp).equals(lockHash)) {
                return;
            }
            Result r = run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), "");
            if (r.exitCode != 0) {
                throw new IllegalStateException("npm ci failed (exit " + r.exitCode + "):\n" + r.stderr);
            }
            Files.writeString(stamp, lockHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(List<String> command, String stdin) {
        try {
            Path err = Files.createTempFile("interop", ".err");
            Process p = new ProcessBuilder(command)
                    .directory(WORK.toFile().isDirectory() ? WORK.toFile() : null)
                    .redirectError(err.toFile())
                    .start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String errText = Files.readString(err);
            Files.delete(err);
            return new Result(p.exitValue(), out, errText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
