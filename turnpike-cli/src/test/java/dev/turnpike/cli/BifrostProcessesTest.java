package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.client.bifrost.KeyFile;
import dev.turnpike.gateway.config.GatewayConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in processes of its own, as a user runs it: {@code turnpike app login} waits in one JVM while
 * {@code turnpike wallet approve} approves from another, against a gateway with the bridge on the real clock.
 */
class BifrostProcessesTest {

    @TempDir
    Path dir;

    /** {@code java … dev.turnpike.cli.Main args}, on this test's class path, with {@code $TURNPIKE_HOME} in the temp dir. */
    private Process turnpike(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TURNPIKE_HOME", dir.resolve("home").toString());
        return pb.start();
    }

    private static String rest(BufferedReader out) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            s.append(line).append('\n');
        }
        return s.toString();
    }

    @Test
    void appLoginInOneProcessIsApprovedByTheWalletInAnother() throws Exception {
        GatewayConfig config = GatewayConfig.parse("""
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  enabled: false
                bifrost:
                  enabled: true
                services:
                  - name: open
                    match:
                      path: /open(/.*)?
                    upstream: http://127.0.0.1:9
                    auth: none
                """.formatted(dir.resolve("state")), "test");
        try (GatewayRuntime gateway = GatewayRuntime.start(config, Clock.systemUTC(), new SecureRandom())) {
            String bridge = gateway.bifrost().orElseThrow().toString();
            Process init = turnpike("wallet", "init");
            assertThat(init.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(init.exitValue()).as(new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();

            Process app = turnpike("app", "login", "--bifrost", bridge, "--name", "Process App", "--permissions",
                    "read:meter");
            BufferedReader appOut = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            String sessionUrl = null;
            StringBuilder before = new StringBuilder();
            for (String line = appOut.readLine(); line != null && sessionUrl == null; line = appOut.readLine()) {
                before.append(line).append('\n');
                sessionUrl = line.startsWith("session page: ") ? line.substring("session page: ".length()) : null;
            }
            assertThat(sessionUrl).as(before.toString()).isNotNull();

            Process wallet = turnpike("wallet", "approve", sessionUrl, "--yes");
            assertThat(wallet.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String walletOut = new String(wallet.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(wallet.exitValue()).as(walletOut).isZero();

            String appRest = rest(appOut);
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).as(before + appRest).isZero();
            String walletKey = KeyFile.load(dir.resolve("home/bifrost/wallet.key")).publicKey().toBase58();
            assertThat(appRest).contains("Approved by the wallet " + walletKey)
                    .contains("stored in " + dir.resolve("home/bifrost/app-token.json"));
            assertThat(dir.resolve("home/bifrost/app-token.json")).exists();
        }
    }
}
