package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.cli.CliTest.Run;
import dev.turnpike.gateway.api.AdminDevWallets;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnpike devwallet …} over real HTTP against a served gateway, found through its configuration file. */
class DevWalletCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("(?m)^wallet-key: (tpk_[0-9a-f]{64})$");

    @TempDir
    Path dir;

    /** The devwallet command with the gateway's configuration; never shows the admin secret. */
    private static Run devwallet(ServedGateway gateway, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("devwallet"));
        all.addAll(List.of(args));
        all.addAll(List.of("--config", gateway.configFile.toString()));
        Run r = CliTest.run(all.toArray(String[]::new));
        assertThat(r.out() + r.err()).doesNotContain(Files.readString(gateway.secretFile()).strip());
        return r;
    }

    @Test
    void aCreatedWalletsKeyPaysThroughTheGatewayAndTheListShowsItWithoutTheKey() throws Exception {
        try (ServedGateway gateway = ServedGateway.start(dir)) {
            Run created = devwallet(gateway, "create", "--name", "alice", "--amount-sat", "5000");

            assertThat(created.exitCode()).as(created.err()).isZero();
            String api = gateway.runtime.devWalletApi().orElseThrow().toString();
            Matcher key = KEY.matcher(created.out());
            assertThat(key.find()).as(created.out()).isTrue();
            assertThat(created.out()).containsPattern("(?m)^wallet-id: w_[0-9a-f]{32} \\(alice\\)$")
                    .contains("wallet-api: " + api + "\n")
                    .contains("  a new dev wallet holding 5000 sat on regtest (test coins): ./turnpike fetch URL"
                            + " --wallet lnbits:" + api + " --wallet-key " + key.group(1) + "\n");
            Run fetch = CliTest.run("fetch", gateway.base().resolve("/quotes/today").toString(), "-o",
                    dir.resolve("quote").toString(), "--token-dir", dir.resolve("tokens").toString(),
                    "--wallet", "lnbits:" + api, "--wallet-key", key.group(1));
            assertThat(fetch.exitCode()).as(fetch.err()).isZero();
            assertThat(Files.readString(dir.resolve("quote"))).contains("quote");

            Run list = devwallet(gateway, "list");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).containsPattern("(?m)^WALLET ID +NAME +BALANCE +CREATED$")
                    .containsPattern("(?m)^w_[0-9a-f]{32} +alice +4979 sat +20\\d\\d-")
                    .doesNotContain(key.group(1)).endsWith("1 wallet\n");
            JsonNode json = JSON.readTree(devwallet(gateway, "list", "--json").out());
            assertThat(json.get("wallets").get(0).get("balance_msat").asLong()).isEqualTo(4_979_000);
            assertThat(json.toString()).doesNotContain(key.group(1));
        }
    }

    @Test
    void createWithoutOptionsGivesServesAmountAndJsonGivesTheKeyToScripts() throws Exception {
        try (ServedGateway gateway = ServedGateway.start(dir)) {
            Run created = devwallet(gateway, "create", "--json");

            assertThat(created.exitCode()).as(created.err()).isZero();
            JsonNode wallet = JSON.readTree(created.out());
            assertThat(wallet.get("balance_msat").asLong()).isEqualTo(AdminDevWallets.DEFAULT_AMOUNT_SAT * 1000);
            assertThat(wallet.get("api_key").asText()).matches("tpk_[0-9a-f]{64}");
        }
    }

    @Test
    void anAmountOverTheCapIsABadUsageAndMakesNoWallet() throws Exception {
        try (ServedGateway gateway = ServedGateway.start(dir)) {
            Run r = devwallet(gateway, "create", "--amount-sat", String.valueOf(AdminDevWallets.MAX_AMOUNT_SAT + 1));

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("--amount-sat must be from 1 to " + AdminDevWallets.MAX_AMOUNT_SAT
                    + " sat, not " + (AdminDevWallets.MAX_AMOUNT_SAT + 1));
            assertThat(devwallet(gateway, "create", "--amount-sat", "0").exitCode()).isEqualTo(2);
            assertThat(devwallet(gateway, "list").out()).endsWith("0 wallets\n");
        }
    }

    @Test
    void aWrongSecretIsRefusedAndNamesItsFile() throws Exception {
        try (ServedGateway gateway = ServedGateway.start(dir)) {
            Path wrong = dir.resolve("wrong.secret");
            Files.writeString(wrong, "not-the-secret\n");
            Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));

            Run r = devwallet(gateway, "create", "--secret-file", wrong.toString());

            assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
            assertThat(r.err()).startsWith("turnpike devwallet create: the admin secret in " + wrong + " was refused");
            assertThat(devwallet(gateway, "list").out()).endsWith("0 wallets\n");
        }
    }

    @Test
    void aGatewayThatIsNotRunningIsNamedByItsUrl() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path secret = dir.resolve("admin.secret");
        Files.writeString(secret, "some-secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

        Run r = CliTest.run("devwallet", "list", "--admin-url", "http://127.0.0.1:" + closed, "--secret-file",
                secret.toString());

        assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(r.err()).startsWith("turnpike devwallet list: no gateway answers at http://127.0.0.1:" + closed
                + " (connection refused); is it running?");
    }

    @Test
    void aGatewayWithoutItsDevWalletApiSaysSoWithExitCode3() throws Exception {
        try (ServedGateway gateway = ServedGateway.start(dir, """
                lightning:
                  dev_wallet_api:
                    enabled: false
                """)) {
            Run r = devwallet(gateway, "create");

            assertThat(r.exitCode()).isEqualTo(AdminClient.NOT_FOUND);
            assertThat(r.err()).isEqualTo("turnpike devwallet create: this gateway's dev wallet API is off"
                    + " (lightning.dev_wallet_api.enabled: false)\n");
        }
    }
}
