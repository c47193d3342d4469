package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.bifrost.Access;
import dev.turnpike.bifrost.AccessRequest;
import dev.turnpike.bifrost.AccessVerifier;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.client.bifrost.BifrostApp;
import dev.turnpike.client.bifrost.BifrostRefusedException;
import dev.turnpike.client.bifrost.BifrostWallet;
import dev.turnpike.client.bifrost.KeyFile;
import dev.turnpike.client.bifrost.PendingLogin;
import dev.turnpike.client.bifrost.SessionExpiredException;
import dev.turnpike.client.bifrost.SessionRef;
import dev.turnpike.client.bifrost.SessionView;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Bifrost clients end to end: {@code turnpike app login} and {@code turnpike wallet …} run as a user runs them
 * (in process, output captured), against a real gateway with the bridge on a real SQLite file, over loopback HTTP.
 * Both sides use the gateway's clock, which the tests move.
 */
class BifrostClientsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SESSION_PAGE = Pattern.compile("(?m)^session page: (\\S+)$");
    private static final Pattern CODE = Pattern.compile("(?m)^confirmation code: ([A-Z]{3}-[A-Z]{3}) ");

    @TempDir
    Path dir;

    private BifrostFixture f;
    private Path appKey;
    private Path tokenFile;
    private Path walletKey;

    @BeforeEach
    void start() throws Exception {
        startBridge("");
        appKey = dir.resolve("app/app.key");
        tokenFile = dir.resolve("app/token.json");
        walletKey = dir.resolve("wallet/wallet.key");
        assertThat(cli().run("wallet", "init", "--key-file", walletKey.toString()).exitCode()).isZero();
    }

    private void startBridge(String yaml) throws Exception {
        if (f != null) {
            f.close();
        }
        f = new BifrostFixture(dir, 0, BifrostFixture.generousLimits(yaml));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    record Run(int exitCode, String out, String err) {}

    /** One command line, its output watched; the Bifrost commands get the gateway's clock and no real pauses. */
    final class Cli {
        final CommandLine cmd = Main.commandLine();
        final WatchedOutput out = new WatchedOutput();
        final StringWriter err = new StringWriter();

        Cli() {
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            AppCommand.Login login = cmd.getSubcommands().get("app").getSubcommands().get("login").getCommand();
            login.clock = f.clock;
            login.pause = f.clock::advance;
            WalletCommand.Approve approve = cmd.getSubcommands().get("wallet").getSubcommands().get("approve").getCommand();
            approve.clock = f.clock;
        }

        Cli answering(String typed) {
            WalletCommand.Approve approve = cmd.getSubcommands().get("wallet").getSubcommands().get("approve").getCommand();
            approve.stdin = new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Run run(String... args) {
            int code = cmd.execute(args);
            return new Run(code, out.toString(), err.toString());
        }
    }

    private Cli cli() {
        return new Cli();
    }

    /** {@code app login} running in the background, and what it printed before waiting. */
    record Login(Cli cli, CompletableFuture<Run> run, String sessionUrl, String code) {
        Run finished() throws Exception {
            return run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private Login login(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("app", "login", "--bifrost", f.base.toString(),
                "--name", "Test Application", "--permissions", "read:meter,write:site",
                "--key-file", appKey.toString(), "--token-file", tokenFile.toString()));
        args.addAll(List.of(extra));
        Cli cli = cli();
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> cli.run(args.toArray(String[]::new)));
        String page = cli.out.await(SESSION_PAGE, WAIT);
        return new Login(cli, run, page, cli.out.await(CODE, WAIT));
    }

    private Run wallet(String... args) {
        List<String> all = new ArrayList<>(List.of("wallet"));
        all.addAll(List.of(args));
        all.addAll(List.of("--key-file", walletKey.toString()));
        return cli().run(all.toArray(String[]::new));
    }

    private String walletPublicKey() throws Exception {
        return KeyFile.load(walletKey).publicKey().toBase58();
    }

    private static String id(String sessionUrl) {
        return sessionUrl.substring(sessionUrl.lastIndexOf('/') + 1);
    }

    /** The token in the token file, checked as an API would: signed by the wallet, delegating to the app's key. */
    private Access storedToken() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        JsonNode stored = BifrostFixture.JSON.readTree(tokenFile.toFile());
        assertThat(stored.get("issuer").asText()).isEqualTo(walletPublicKey());
        Verification<Access> v = AccessVerifier.builder().trustedIssuers(List.of(KeyFile.load(walletKey).publicKey()))
                .build().verify(AccessRequest.bearer(stored.get("token").asText(), "GET", "https://api.example/meters"),
                        f.clock.instant());
        assertThat(v).isInstanceOf(Verification.Verified.class);
        Access access = ((Verification.Verified<Access>) v).value();
        assertThat(access.token().delegatedKey()).isEqualTo(KeyFile.load(appKey).publicKey());
        return access;
    }

    @Test
    void theHardenedFlowWithTheCliApplicationAndTheCliWallet() throws Exception {
        Login login = login();
        assertThat(login.sessionUrl()).startsWith(f.base + "/auth/session/");
        List<String> qr = login.cli().out.toString().lines().dropWhile(String::isEmpty).skip(1)
                .dropWhile(String::isEmpty).takeWhile(l -> !l.isEmpty()).toList();
        assertThat(TerminalQrTest.decode(qr, TerminalQr.Background.DARK)).isEqualTo("sea://auth?session="
                + id(login.sessionUrl()));

        Run approved = wallet("approve", login.sessionUrl(), "--yes", "--code", login.code());

        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out())
                .contains("application:  \"Test Application\" (unverified: the application names itself)")
                .contains("permissions:  {\"scopes\":[\"read:meter\",\"write:site\"]}")
                .contains("code:         " + login.code() + " (check that the application shows the same)")
                .contains("expires:      " + f.clock.instant().plusSeconds(180) + " (in 3 min 0 s)")
                .contains("your key:     " + walletPublicKey())
                .contains("approved: the application holds a token signed by your key, valid until");
        Run app = login.finished();
        assertThat(app.exitCode()).as(app.err()).isZero();
        assertThat(app.out())
                .contains("Bifrost login at " + f.base + " as \"Test Application\" (application key made in " + appKey)
                .contains("Approved by the wallet " + walletPublicKey() + " (fingerprint ")
                .contains("stored in " + tokenFile)
                .doesNotContain(KeyFile.load(appKey).publicKey().toBase58());
        Access access = storedToken();
        assertThat(access.token().attributes().permissions().orElseThrow().scopes().orElseThrow())
                .containsExactlyInAnyOrder("read:meter", "write:site");
        assertThat(access.token().lifetime()).isEqualTo(Duration.ofHours(12));
        // one-time retrieval: the bridge no longer holds the token
        JsonNode after = BifrostFixture.json(f.get("/api/auth/" + id(login.sessionUrl())));
        assertThat(after.get("state").asText()).isEqualTo("consumed");
        assertThat(after.has("token")).isFalse();
    }

    @Test
    void theWalletShowsEveryAttributeItSignsTheAudienceIncluded() throws Exception {
        Login login = login("--audience", "https://api.example/meters,https://other.example");

        Run approved = wallet("approve", login.sessionUrl(), "--yes");

        assertThat(approved.exitCode()).as(approved.err()).isZero();
        String nonce = BifrostFixture.json(f.get("/api/auth/" + id(login.sessionUrl()))).at("/attributes/nonce")
                .asText();
        assertThat(approved.out())
                .contains("for APIs:     https://api.example/meters, https://other.example")
                .contains("nonce:        " + nonce + " (the bridge's, ties the token to this session)")
                .doesNotContain("other:");
        assertThat(login.finished().exitCode()).isZero();
        assertThat(storedToken().token().attributes().audience().orElseThrow().includes("https://API.example/meters"))
                .isTrue();
    }

    @Test
    void theWalletSignsNoLongerThanTheBridgeAccepts() throws Exception {
        startBridge("max_token_lifetime: 2h\n");
        Login login = login();

        Run approved = wallet("approve", login.sessionUrl(), "--yes"); // the wallet's default is 12 h

        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(login.finished().exitCode()).isZero();
        assertThat(storedToken().token().lifetime()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void theDocumentsFlowOnAStrictOriginalBridgeLeavesNoTokenBehind() throws Exception {
        startBridge("strict_original: true\n");
        Login login = login();

        Run approved = wallet("approve", login.sessionUrl(), "--yes", "--lifetime", "1h");

        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(login.finished().exitCode()).isZero();
        assertThat(storedToken().token().lifetime()).isEqualTo(Duration.ofHours(1));
        // the bridge keeps a token until the session ends: the application ended (deleted) it
        assertThat(BifrostFixture.error(f.get("/api/auth/" + id(login.sessionUrl())), 410))
                .isEqualTo("session_cancelled");
    }

    @Test
    void eventsAndAProofOfPossessionWithTheSameApplicationKeyOnALaterLogin() throws Exception {
        Login first = login();
        assertThat(wallet("approve", first.sessionUrl(), "--yes").exitCode()).isZero();
        assertThat(first.finished().exitCode()).isZero();
        Ed25519KeyPair key = KeyFile.load(appKey);

        Login second = login("--events", "--proof", "--no-qr");
        assertThat(second.cli().out.toString()).contains("application key from " + appKey).doesNotContain("▀");
        Run approved = wallet("approve", "sea://auth?session=" + id(second.sessionUrl()), "--bifrost",
                f.base.toString(), "--yes");

        assertThat(approved.exitCode()).as(approved.err()).isZero();
        Run app = second.finished();
        assertThat(app.exitCode()).as(app.err()).isZero();
        assertThat(storedToken().token().delegatedKey()).isEqualTo(key.publicKey());
    }

    @Test
    void aDenialEndsTheLogin() throws Exception {
        Login login = login();

        Run denied = wallet("deny", login.sessionUrl());

        assertThat(denied.exitCode()).as(denied.err()).isZero();
        assertThat(denied.out()).contains("denied: the application is told access_denied");
        Run app = login.finished();
        assertThat(app.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(app.err()).isEqualTo("turnpike app login: the wallet's user denied the request (access_denied)\n");
        assertThat(tokenFile).doesNotExist();
    }

    @Test
    void theWalletAsksAndNDeniesWhileNoAnswerSendsNothing() throws Exception {
        Login login = login();

        Run unanswered = cli().answering("").run("wallet", "approve", login.sessionUrl(), "--key-file",
                walletKey.toString());
        assertThat(unanswered.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(unanswered.out()).contains("Approve this login? [y]es / [n]o, deny it / Enter: leave it: ");
        assertThat(unanswered.err()).contains("not approved (nothing was sent");
        assertThat(BifrostFixture.json(f.get("/api/auth/" + id(login.sessionUrl()))).get("state").asText())
                .isEqualTo("pending");

        Run no = cli().answering("n\n").run("wallet", "approve", login.sessionUrl(), "--key-file", walletKey.toString());
        assertThat(no.exitCode()).as(no.err()).isZero();
        assertThat(no.out()).contains("denied: the application is told access_denied");
        assertThat(login.finished().err()).contains("access_denied");
    }

    @Test
    void aWrongConfirmationCodeIsNotApproved() throws Exception {
        Login login = login();
        String other = login.code().equals("BCD-FGH") ? "BCD-FGJ" : "BCD-FGH";

        Run refused = wallet("approve", login.sessionUrl(), "--yes", "--code", other.toLowerCase());

        assertThat(refused.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(refused.err()).contains("the session's confirmation code is " + login.code() + ", not " + other
                + ": this is not the login on your screen; not approved");
        assertThat(BifrostFixture.json(f.get("/api/auth/" + id(login.sessionUrl()))).get("state").asText())
                .isEqualTo("pending");
        assertThat(wallet("approve", login.sessionUrl(), "--yes", "--code", login.code()).exitCode()).isZero();
        assertThat(login.finished().exitCode()).isZero();
    }

    @Test
    void aSecondApprovalIsRefusedAndTheFirstStands() throws Exception {
        Login login = login();
        SessionRef session = SessionRef.parse(login.sessionUrl(), Optional.empty());
        try (BifrostWallet other = BifrostWallet.builder(Ed25519KeyPair.generate(f.random)).clock(f.clock).build()) {
            SessionView asked = other.fetch(session);
            assertThat(wallet("approve", login.sessionUrl(), "--yes").exitCode()).isZero();

            assertThatThrownBy(() -> other.approve(asked, Duration.ofHours(1)))
                    .isInstanceOfSatisfying(BifrostRefusedException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.error()).isEqualTo("session_not_pending");
                    });
        }
        assertThat(login.finished().exitCode()).isZero();
        assertThat(storedToken().token().issuer().toBase58()).isEqualTo(walletPublicKey());
        Run again = wallet("approve", login.sessionUrl(), "--yes");
        assertThat(again.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(again.err()).contains("the session is consumed already: nothing to approve");
    }

    @Test
    void anExpiredSessionCanNeitherBeApprovedNorAwaited() throws Exception {
        Clock appClock = Clock.fixed(f.clock.instant(), f.clock.getZone());
        try (BifrostApp app = BifrostApp.builder(f.base, f.app).clock(appClock).build()) {
            PendingLogin login = app.open(Attributes.empty().withName("Test Application"));
            f.clock.advance(Duration.ofMinutes(3));

            Run late = wallet("approve", login.sessionUrl(), "--yes");
            assertThat(late.exitCode()).isEqualTo(Failures.FAILED);
            assertThat(late.err()).contains("the session has expired (expired_token)");

            assertThatThrownBy(() -> app.awaitToken(login)).isInstanceOf(SessionExpiredException.class)
                    .hasMessageContaining("expired_token");
        }
    }

    @Test
    void refusalsBeforeAnythingIsSent() throws Exception {
        Run badPermissions = cli().run("app", "login", "--bifrost", f.base.toString(), "--name", "x", "--permissions",
                "{\"scopes\":\"read\"}", "--key-file", appKey.toString());
        assertThat(badPermissions.exitCode()).isEqualTo(2);
        assertThat(badPermissions.err()).startsWith("turnpike app login: permissions.scopes is not an array");

        Run badName = cli().run("app", "login", "--bifrost", f.base.toString(), "--name", "a\u202eb", "--key-file",
                appKey.toString());
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err())
                .startsWith("turnpike app login: attributes.name contains a bidirectional formatting character");

        Run idWithoutBridge = wallet("approve", "Jm3xQ0b7_zr-5PqW9aVhcA", "--yes");
        assertThat(idWithoutBridge.exitCode()).isEqualTo(2);
        assertThat(idWithoutBridge.err())
                .startsWith("turnpike wallet approve: a bare session id needs the bridge's URL (--bifrost)");

        Run noBridge = cli().run("app", "login", "--bifrost", "http://127.0.0.1:9", "--name", "x", "--key-file",
                appKey.toString());
        assertThat(noBridge.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(noBridge.err()).startsWith("turnpike app login: cannot reach the bridge at http://127.0.0.1:9");

        Run unknown = wallet("approve", f.base + "/auth/session/Jm3xQ0b7_zr-5PqW9aVhcA", "--yes");
        assertThat(unknown.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(unknown.err()).contains("expired_token");
    }

    @Test
    void walletKeysAreMadeOnceShownAndReplacedOnlyWithForce() throws Exception {
        String key = walletPublicKey();
        Run show = wallet("show");
        assertThat(show.out()).isEqualTo("public key: " + key + "\nfingerprint: "
                + KeyFile.load(walletKey).publicKey().fingerprint() + "\n");

        Run again = wallet("init");
        assertThat(again.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(again.err()).contains("already exists; replacing it loses its key for good (--force)");
        assertThat(walletPublicKey()).isEqualTo(key);

        Run forced = wallet("init", "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).startsWith("wallet key made in " + walletKey).doesNotContain(key);
        assertThat(walletPublicKey()).isNotEqualTo(key);

        Files.setPosixFilePermissions(walletKey, PosixFilePermissions.fromString("rw-rw-r--"));
        Run open = wallet("show");
        assertThat(open.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(open.err()).contains("other users may use it");
    }
}
