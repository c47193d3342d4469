package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.client.bifrost.KeyFile;
import java.io.BufferedReader;
import java.io.IOException;
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

    private Process turnpike(List<String> args) throws IOException {
        return TurnpikeProcesses.start(dir, args);
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
            String loginLine = TurnpikeProcesses.readUntil(TurnpikeProcesses.lines(demo), "try: ./turnpike app login ", demoOut);
            finish(turnpike(List.of("wallet", "init")));

            List<String> login = new ArrayList<>(List.of("app", "login", "--no-qr"));
            login.addAll(List.of(CliTest.shellWords(loginLine)));
            Process app = turnpike(login);
            BufferedReader appOut = TurnpikeProcesses.lines(app);
            StringBuilder before = new StringBuilder();
            String sessionUrl = TurnpikeProcesses.readUntil(appOut, "session page: ", before);

            String approved = finish(turnpike(List.of("wallet", "approve", sessionUrl, "--yes")));
            assertThat(approved).contains("application:  \"Demo App\" (unverified");

            StringBuilder after = new StringBuilder();
            String issuer = TurnpikeProcesses.readUntil(appOut, "Approved by the wallet ", after);
            finish(app);
            assertThat(issuer).startsWith(KeyFile.load(dir.resolve("home/bifrost/wallet.key")).publicKey().toBase58()
                    + " (fingerprint ");
            assertThat(dir.resolve("home/bifrost/app-token.json")).exists();

            // Ctrl-C (SIGTERM) while waiting cancels the session, so it can no longer be approved
            Process interrupted = turnpike(login);
            BufferedReader interruptedOut = TurnpikeProcesses.lines(interrupted);
            String cancelledUrl = TurnpikeProcesses.readUntil(interruptedOut, "session page: ", new StringBuilder());
            TurnpikeProcesses.readUntil(interruptedOut, "waiting for the wallet until ", new StringBuilder());
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
