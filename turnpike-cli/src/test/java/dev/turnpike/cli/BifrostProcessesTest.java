package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.client.bifrost.KeyFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in processes of its own, as a user runs it after {@code ./turnpike demo}: the demo serves the
 * bridge, {@code app login} runs the line the demo printed and waits, and {@code wallet approve} approves from a
 * third process. Each JVM keeps its own clock, as on a real machine.
 */
class BifrostProcessesTest {

    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path dir;

    /** {@code java … dev.turnpike.cli.Main args} on this test's class path, {@code $TURNPIKE_HOME} in the temp dir. */
    private Process turnpike(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TURNPIKE_HOME", dir.resolve("home").toString());
        return pb.start();
    }

    private static BufferedReader lines(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads {@code out} up to the first line starting with {@code prefix}, and returns the rest of that line. */
    private static String readUntil(BufferedReader out, String prefix, StringBuilder seen) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in:\n" + seen);
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theDemosAppLoginLineIsApprovedByTheWalletInAnotherProcessAndCtrlCCancelsALogin() throws Exception {
        Process demo = turnpike(List.of("demo", "--data-dir", dir.resolve("demo").toString()));
        try {
            StringBuilder demoOut = new StringBuilder();
            String loginLine = readUntil(lines(demo), "try: ./turnpike app login ", demoOut);
            finish(turnpike(List.of("wallet", "init")));

            List<String> login = new ArrayList<>(List.of("app", "login", "--no-qr"));
            login.addAll(List.of(CliTest.shellWords(loginLine)));
            Process app = turnpike(login);
            BufferedReader appOut = lines(app);
            StringBuilder before = new StringBuilder();
            String sessionUrl = readUntil(appOut, "session page: ", before);

            String approved = finish(turnpike(List.of("wallet", "approve", sessionUrl, "--yes")));
            assertThat(approved).contains("application:  \"Demo App\" (unverified");

            StringBuilder after = new StringBuilder();
            String issuer = readUntil(appOut, "Approved by the wallet ", after);
            finish(app);
            assertThat(issuer).startsWith(KeyFile.load(dir.resolve("home/bifrost/wallet.key")).publicKey().toBase58()
                    + " (fingerprint ");
            assertThat(dir.resolve("home/bifrost/app-token.json")).exists();

            // Ctrl-C (SIGTERM) while waiting cancels the session, so it can no longer be approved
            Process interrupted = turnpike(login);
            BufferedReader interruptedOut = lines(interrupted);
            String cancelledUrl = readUntil(interruptedOut, "session page: ", new StringBuilder());
            readUntil(interruptedOut, "waiting for the wallet until ", new StringBuilder());
            interrupted.destroy();
            assertThat(interrupted.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            Process late = turnpike(List.of("wallet", "approve", cancelledUrl, "--yes"));
            String lateOut = new String(late.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(late.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(late.exitValue()).as(lateOut).isEqualTo(Failures.FAILED);
            assertThat(lateOut).contains("the session was cancelled (session_cancelled)"); // deleted: 410
        } finally {
            demo.destroy();
            assertThat(demo.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }
}
