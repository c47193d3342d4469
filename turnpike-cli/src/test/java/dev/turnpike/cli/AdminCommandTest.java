package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.cli.CliTest.Run;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.Credential;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnpike admin …} over real HTTP against a served gateway, found through its configuration file. */
class AdminCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    ServedGateway gateway;
    String secret;

    @BeforeEach
    void serve() throws Exception {
        gateway = ServedGateway.start(dir);
        secret = Files.readString(gateway.secretFile()).strip();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** The admin command with the gateway's configuration; never shows the secret. */
    private Run admin(String... args) {
        List<String> all = new ArrayList<>(List.of("admin"));
        all.addAll(List.of(args));
        all.addAll(List.of("--config", gateway.configFile.toString()));
        Run r = CliTest.run(all.toArray(String[]::new));
        assertThat(r.out() + r.err()).doesNotContain(secret);
        return r;
    }

    private String paidTokenId() throws Exception {
        String authorization = PaidRequests.buyQuote(gateway.runtime, dir.resolve("tokens"));
        Credential c = ((ParseResult.Ok<Credential>) L402Headers.parseAuthorizationValue(authorization)).value();
        return L402Identifier.decode(c.macaroon().identifier()).tokenId().toHex();
    }

    @Test
    void listsShowsAndRevokesTokensAsATableOrAsJson() throws Exception {
        String id = paidTokenId();

        Run list = admin("tokens", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("(?m)^TOKEN ID +SERVICE +PRICE +STATE +ISSUED +EXPIRES$")
                .containsPattern("(?m)^" + id + " +quotes +21 sat +paid ").endsWith("1 tokens\n");
        JsonNode json = JSON.readTree(admin("tokens", "list", "--service", "quotes", "--json").out());
        assertThat(json.get("tokens").get(0).get("token_id").asText()).isEqualTo(id);
        assertThat(JSON.readTree(admin("tokens", "list", "--service", "other", "--json").out()).get("tokens"))
                .isEmpty();

        Run show = admin("tokens", "show", id.toUpperCase());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("(?m)^state: +paid$").containsPattern("(?m)^revoked: +no$")
                .containsPattern("(?m)^price: +21 sat$");

        Run revoke = admin("tokens", "revoke", id);
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).containsPattern("(?m)^state: +revoked$");
        assertThat(JSON.readTree(admin("tokens", "show", id, "--json").out()).get("revoked_at").isNull()).isFalse();
        assertThat(gateway.admin("GET", "/api/tokens/" + id).body()).contains("\"revoked_at\":\"");
    }

    @Test
    void theTokenFileNamesTheTokenForAdminAndFetchSaysWhyTheGatewayRefusedIt() throws Exception {
        WalletCredentials wallet = gateway.runtime.node().createWallet();
        gateway.runtime.node().fund(wallet.walletId(), 100_000);
        String[] fetch = {"fetch", gateway.base().resolve("/quotes/today").toString(), "-v", "-o",
            dir.resolve("quote").toString(), "--token-dir", dir.resolve("tokens").toString(), "--wallet",
            "lnbits:" + gateway.runtime.devWalletApi().orElseThrow(), "--wallet-key", wallet.apiKey().reveal()};
        Run paid = CliTest.run(fetch);
        assertThat(paid.exitCode()).as(paid.err()).isZero();
        JsonNode file;
        try (var files = Files.list(dir.resolve("tokens"))) {
            file = JSON.readTree(files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow().toFile());
        }
        String id = file.get("token_id").asText();
        assertThat(paid.err()).contains("token stored in " + dir.resolve("tokens") + " (token id " + id + ")");

        assertThat(admin("tokens", "revoke", id).exitCode()).isZero();
        Run again = CliTest.run(fetch);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("* the server refused the stored token (revoked; payment hash ");
    }

    @Test
    void servicesShowsTokensIssuedAndPaidAndTheRevenueInSat() throws Exception {
        paidTokenId();
        Run services = admin("services");
        assertThat(services.exitCode()).as(services.err()).isZero();
        assertThat(services.out()).containsPattern("(?m)^SERVICE +ISSUED +PAID +REVENUE$")
                .containsPattern("(?m)^quotes +1 +1 +21 sat$");
        JsonNode json = JSON.readTree(admin("services", "--json").out());
        assertThat(json.get("services").get(0).get("revenue_msat").asLong()).isEqualTo(21_000);
    }

    @Test
    void healthSaysOk() throws Exception {
        Run health = admin("health");
        assertThat(health.exitCode()).as(health.err()).isZero();
        assertThat(health.out()).startsWith("ok (lightning up since ");
        assertThat(JSON.readTree(admin("health", "--json").out()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void anUnknownTokenIsExitCode3() {
        Run unknown = admin("tokens", "show", "ab".repeat(32));
        assertThat(unknown.exitCode()).isEqualTo(AdminClient.NOT_FOUND);
        assertThat(unknown.err()).isEqualTo("turnpike admin tokens show: no token " + "ab".repeat(32)
                + " was issued by this gateway\n");
        assertThat(admin("tokens", "revoke", "ab".repeat(32)).exitCode()).isEqualTo(AdminClient.NOT_FOUND);
    }

    @Test
    void aTokenIdThatIsNotOneIsRefusedBeforeAsking() {
        Run bad = admin("tokens", "show", "1234");
        assertThat(bad.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(bad.err()).isEqualTo("turnpike admin tokens show: a token id is 64 hex digits, not '1234'\n");
    }

    @Test
    void aRefusedSecretNamesItsFile() throws Exception {
        Path wrong = dir.resolve("wrong.secret");
        Files.writeString(wrong, "not-the-secret\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        Run refused = admin("tokens", "list", "--secret-file", wrong.toString());
        assertThat(refused.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(refused.err()).startsWith("turnpike admin tokens list: the admin secret in " + wrong
                + " was refused by " + gateway.adminUrl()).doesNotContain("not-the-secret");
    }

    @Test
    void aMissingSecretFileSaysWhereItWasLookedFor() {
        Path missing = dir.resolve("nowhere/admin.secret");
        Run r = admin("services", "--secret-file", missing.toString());
        assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(r.err()).startsWith("turnpike admin services: no admin secret at " + missing);
    }

    @Test
    void aGatewayThatIsNotRunningIsNamedByItsUrl() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run r = admin("health", "--admin-url", "http://127.0.0.1:" + closed);
        assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(r.err()).startsWith("turnpike admin health: no gateway answers at http://127.0.0.1:" + closed
                + " (connection refused); is it running?");
    }

    @Test
    void aConfigurationWithProblemsIsRefusedWithThem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "listen: nowhere\n");
        Run r = CliTest.run("admin", "health", "--config", bad.toString());
        assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(r.err()).startsWith("turnpike admin health: ").contains("bad.yaml:1:").doesNotContain("\tat ");
    }
}
