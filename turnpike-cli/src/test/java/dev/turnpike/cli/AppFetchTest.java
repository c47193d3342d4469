package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.client.bifrost.KeyFile;
import dev.turnpike.client.bifrost.TokenFile;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A delegated token end to end with the CLI, over loopback HTTP: {@code app login} and {@code wallet approve} get a
 * token from the bridge, {@code app fetch} calls the demo's energy API behind the gateway ({@code auth: bifrost},
 * {@code pop: required}) with it and a fresh DPoP proof each time.
 */
class AppFetchTest {

    private static final Pattern SESSION_PAGE = Pattern.compile("(?m)^session page: (\\S+)$");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private SampleEnergyApi energy;
    private GatewayRuntime runtime;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        energy = new SampleEnergyApi();
        runtime = GatewayRuntime.start(GatewayConfig.parse("""
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  enabled: false
                bifrost:
                  enabled: true
                services:
                  - name: energy
                    match:
                      path: /energy(/.*)?
                    upstream: http://127.0.0.1:%d
                    auth: bifrost
                    rules:
                      - {method: GET, path: '/energy/sites/{site}/meters', scope: read:meter, resources: {site: sites}}
                      - {method: POST, path: /energy/graphql, scope: read:meter}
                    never_delegable:
                      - {method: POST, path: '/energy/gateways/{id}/transfer'}
                    graphql:
                      path: /energy/graphql
                      never_delegable: [mutation.transferGateway]
                """.formatted(dir.resolve("state"), energy.port()), "test"), clock, new SecureRandom());
        base = URI.create("http://" + GatewayRuntime.hostPort(runtime.listening().get(0)));
    }

    @AfterEach
    void stop() {
        runtime.close();
        energy.close();
    }

    record Run(int exitCode, String out, String err, String body) {}

    private Run run(String... args) {
        CommandLine cmd = Main.commandLine();
        WatchedOutput out = new WatchedOutput();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        AppCommand.Login login = cmd.getSubcommands().get("app").getSubcommands().get("login").getCommand();
        login.clock = clock;
        login.pause = clock::advance;
        AppFetchCommand fetch = cmd.getSubcommands().get("app").getSubcommands().get("fetch").getCommand();
        fetch.clock = clock;
        fetch.http.stdout = body;
        WalletCommand.Approve approve = cmd.getSubcommands().get("wallet").getSubcommands().get("approve").getCommand();
        approve.clock = clock;
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString(), body.toString(StandardCharsets.UTF_8));
    }

    private Run fetch(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "app";
        all[1] = "fetch";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--key-file";
        all[args.length + 3] = dir.resolve("app.key").toString();
        all[args.length + 4] = "--token-file";
        all[args.length + 5] = dir.resolve("token.json").toString();
        return run(all);
    }

    /** Logs in with the CLI app and approves with the CLI wallet; the wallet's key, base58. */
    private String login(String permissions, String lifetime) throws Exception {
        Path walletKey = dir.resolve("wallet.key");
        assertThat(run("wallet", "init", "--key-file", walletKey.toString()).exitCode()).isZero();
        WatchedOutput loginOut = new WatchedOutput();
        CommandLine loginCmd = Main.commandLine();
        loginCmd.setOut(new PrintWriter(loginOut, true));
        AppCommand.Login login = loginCmd.getSubcommands().get("app").getSubcommands().get("login").getCommand();
        login.clock = clock;
        login.pause = clock::advance;
        CompletableFuture<Integer> loggingIn = CompletableFuture.supplyAsync(() -> loginCmd.execute("app", "login",
                "--bifrost", base.toString(), "--name", "Meter dashboard", "--no-qr", "--permissions", permissions,
                "--key-file", dir.resolve("app.key").toString(), "--token-file", dir.resolve("token.json").toString()));
        String page = loginOut.await(SESSION_PAGE, Duration.ofSeconds(30));
        Run approved = run("wallet", "approve", page, "--yes", "--lifetime", lifetime, "--key-file",
                walletKey.toString());
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(loggingIn.get(30, TimeUnit.SECONDS)).isZero();
        return KeyFile.load(walletKey).publicKey().toBase58();
    }

    @Test
    void aTokenFromTheCliWalletReachesTheEnergyApiAndOnlyWhatItGrants() throws Exception {
        String wallet = login("{\"scopes\":[\"read:meter\"],\"resources\":{\"sites\":[\"site-1\"]}}", "12h");

        Run meters = fetch(base + "/energy/sites/site-1/meters", "-v");
        assertThat(meters.exitCode()).as(meters.err() + meters.body()).isZero();
        assertThat(meters.body()).contains("\"site\": \"site-1\"", "\"wallet\": \"" + wallet + "\"");
        assertThat(meters.err()).contains("* GET " + base + "/energy/sites/site-1/meters", "* HTTP 200");
        // a second call works too: a fresh proof each time
        assertThat(fetch(base + "/energy/sites/site-1/meters").exitCode()).isZero();

        Run otherSite = fetch(base + "/energy/sites/site-2/meters");
        assertThat(otherSite.exitCode()).isEqualTo(HttpOptions.HTTP_ERROR);
        assertThat(otherSite.body()).contains("\"reason\":\"resource_not_granted\"", "\"resource\":\"sites/site-2\"");
        Run transfer = fetch(base + "/energy/gateways/g1/transfer", "-X", "POST", "-d", "{\"to\":\"x\"}",
                "-H", "Content-Type: application/json");
        assertThat(transfer.exitCode()).isEqualTo(HttpOptions.HTTP_ERROR);
        assertThat(transfer.body()).contains("\"reason\":\"never_delegable\"");

        Run sites = fetch(base + "/energy/graphql", "-X", "POST", "-d", "{\"query\": \"{ sites { id } }\"}",
                "-H", "Content-Type: application/json");
        assertThat(sites.exitCode()).as(sites.err() + sites.body()).isZero();
        assertThat(sites.body()).contains("\"sites\": [{\"id\": \"site-1\"}");
        Run mutation = fetch(base + "/energy/graphql", "-X", "POST", "-d",
                "{\"query\": \"mutation { t: transferGateway(gatewayId: \\\"g1\\\", to: \\\"x\\\") { ok } }\"}",
                "-H", "Content-Type: application/json");
        assertThat(mutation.exitCode()).isEqualTo(HttpOptions.HTTP_ERROR);
        assertThat(mutation.body()).contains("\"reason\":\"never_delegable\"",
                "\"field\":\"mutation.transferGateway\"");
    }

    @Test
    void appFetchRenewsAShortTokenByItselfUntilTheGrantEnds() throws Exception {
        login("{\"scopes\":[\"read:meter\"],\"resources\":{\"sites\":[\"site-1\"]},\"expires_in\":3600}", "5m");
        Path tokenFile = dir.resolve("token.json");
        String meters = base + "/energy/sites/site-1/meters";
        assertThat(fetch(meters).exitCode()).isZero();
        assertThat(Files.readString(tokenFile)).as("no renewal while the token is fresh").doesNotContain("renew_cert");

        clock.advance(Duration.ofMinutes(4)); // one minute left: renewed before the request
        Run renewed = fetch(meters);
        assertThat(renewed.exitCode()).as(renewed.body()).isZero();
        assertThat(TokenFile.read(tokenFile).certificate()).isPresent();

        clock.advance(Duration.ofMinutes(30)); // the token expired 29 minutes ago; the grant runs for an hour
        Run later = fetch(meters, "-v");
        assertThat(later.exitCode()).as(later.body()).isZero();
        assertThat(later.body()).contains("\"site\": \"site-1\"");
        assertThat(TokenFile.read(tokenFile).certificate().orElseThrow().expiration())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS));

        clock.advance(Duration.ofMinutes(40)); // past created + expires_in: no more certificates
        Run ended = fetch(meters);
        assertThat(ended.exitCode()).isEqualTo(HttpOptions.HTTP_ERROR);
        assertThat(ended.body()).contains("\"reason\":\"certificate_expired\"");
    }
}
