package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.RevocationRequest;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.client.bifrost.KeyFile;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Revoking delegated tokens end to end, over loopback HTTP on a gateway as {@code serve} assembles it (real SQLite
 * file): the wallet's signed request through the CLI and the bridge, the operator's through the admin API; the token
 * is refused on the next request, cached or not, and after a restart. Each refusal of the bridge on its own.
 */
class DelegationRevocationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GRANT = "{\"scopes\":[\"read:meter\"],\"resources\":{\"sites\":[\"site-1\"]}}";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final SecureRandom random = new SecureRandom();
    final Ed25519KeyPair app = Ed25519KeyPair.generate(random);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    SampleEnergyApi energy;
    GatewayConfig config;
    GatewayRuntime runtime;
    String base;
    Path walletKey;
    Ed25519KeyPair wallet;

    @BeforeEach
    void start() throws Exception {
        energy = new SampleEnergyApi();
        config = GatewayConfig.parse("""
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                bifrost:
                  enabled: true
                services:
                  - name: energy
                    match:
                      path: /energy(/.*)?
                    upstream: http://127.0.0.1:%d
                    auth: bifrost
                    pop: off
                    rules:
                      - {method: GET, path: '/energy/sites/{site}/meters', scope: read:meter, resources: {site: sites}}
                """.formatted(dir.resolve("state"), energy.port()), "test");
        startRuntime();
        walletKey = dir.resolve("wallet.key");
        wallet = KeyFile.create(walletKey, random, false);
    }

    void startRuntime() throws Exception {
        runtime = GatewayRuntime.start(config, clock, random);
        base = "http://" + GatewayRuntime.hostPort(runtime.listening().get(0));
    }

    @AfterEach
    void stop() {
        runtime.close();
        energy.close();
        http.close();
    }

    String token(Ed25519KeyPair issuer, Duration lifetime) throws Exception {
        Attributes granted = Attributes.empty().withName("Meters").withPermissions(Permissions.parse(GRANT));
        return DelegationToken.sign(issuer, app.publicKey(), granted, clock.instant(), clock.instant().plus(lifetime));
    }

    HttpResponse<String> meters(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/energy/sites/site-1/meters"))
                .header("Authorization", "DPoP " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postRevocation(String request) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/revocations"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("revocation", request)
                        .toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertRevoked(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("DPoP error=\"invalid_token\""));
        assertThat(r.body()).contains("\"reason\":\"revoked\"");
    }

    static void assertProblem(HttpResponse<String> r, int status, String error) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo(error);
    }

    record Run(int exitCode, String out, String err) {}

    Run cli(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        WalletCommand.Revoke revoke = cmd.getSubcommands().get("wallet").getSubcommands().get("revoke").getCommand();
        revoke.clock = clock;
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theWalletRevokesItsTokenWithTheCliAndItStaysRefusedAfterARestart() throws Exception {
        String token = token(wallet, Duration.ofHours(1));
        assertThat(meters(token).statusCode()).isEqualTo(200);
        assertThat(meters(token).statusCode()).isEqualTo(200); // cached now
        Run revoked = cli("wallet", "revoke", "--bifrost", base, "--key-file", walletKey.toString(), token);
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked: the token " + TokenHash.of(token).toHex());
        assertRevoked(meters(token));

        runtime.close();
        startRuntime();
        assertRevoked(meters(token));
        assertThat(meters(token(wallet, Duration.ofMinutes(30))).statusCode()).isEqualTo(200); // only that one
    }

    HttpResponse<String> admin(String method, String path) throws Exception {
        String bearer = "Bearer " + Files.readString(dir.resolve("state/admin.secret")).strip();
        URI uri = URI.create("http://" + GatewayRuntime.hostPort(runtime.adminAddress().orElseThrow()) + path);
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", bearer)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOperatorRevokesByHashThroughTheAdminApiWhoeverIssuedTheToken() throws Exception {
        String token = token(Ed25519KeyPair.generate(random), Duration.ofHours(1));
        assertThat(meters(token).statusCode()).isEqualTo(200);
        assertThat(meters(token).statusCode()).isEqualTo(200); // cached now
        HttpResponse<String> r = admin("POST", "/api/delegations/" + TokenHash.of(token).toHex() + "/revoke");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertRevoked(meters(token));
        runtime.close();
        startRuntime();
        assertRevoked(meters(token));
    }

    @Test
    void theCliReadsATokenFileToo() throws Exception {
        String token = token(wallet, Duration.ofHours(1));
        Path file = dir.resolve("token.json");
        Files.writeString(file, JSON.createObjectNode().put("type", "turnpike-bifrost-delegation").put("token", token)
                .toString());
        Run revoked = cli("wallet", "revoke", "--bifrost", base, "--key-file", walletKey.toString(),
                "--token-file", file.toString());
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertRevoked(meters(token));
    }

    @Test
    void aWalletCannotRevokeAnotherWalletsToken() throws Exception {
        Ed25519KeyPair other = Ed25519KeyPair.generate(random);
        String token = token(other, Duration.ofHours(1));
        Run refused = cli("wallet", "revoke", "--bifrost", base, "--key-file", walletKey.toString(), token);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("not_issuer");
        assertProblem(postRevocation(RevocationRequest.sign(wallet, token, clock.instant(), random)), 403,
                "not_issuer");
        // by its hash alone, the revocation is in the signer's name: it does not touch another wallet's token
        HttpResponse<String> byHash = postRevocation(RevocationRequest.sign(wallet, TokenHash.of(token),
                Optional.empty(), clock.instant(), random));
        assertThat(byHash.statusCode()).as(byHash.body()).isEqualTo(200);
        assertThat(meters(token).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestWithABadSignatureIsRefused() throws Exception {
        String request = RevocationRequest.sign(wallet, token(wallet, Duration.ofHours(1)), clock.instant(), random);
        String forged = request.substring(0, request.lastIndexOf('.') + 1)
                + dev.turnpike.bifrost.encoding.Base64Url.encode(new byte[64]);
        assertProblem(postRevocation(forged), 401, "bad_signature");
    }

    @Test
    void aStaleRequestIsRefused() throws Exception {
        String token = token(wallet, Duration.ofHours(1));
        String request = RevocationRequest.sign(wallet, token, clock.instant().minusSeconds(120), random);
        assertProblem(postRevocation(request), 401, "proof_stale");
        assertThat(meters(token).statusCode()).isEqualTo(200);
    }

    @Test
    void aReplayedRequestIsRefused() throws Exception {
        String request = RevocationRequest.sign(wallet, token(wallet, Duration.ofHours(1)), clock.instant(), random);
        assertThat(postRevocation(request).statusCode()).isEqualTo(200);
        assertProblem(postRevocation(request), 401, "proof_replayed");
    }

    @Test
    void aBodyWithoutARevocationIsABadRequest() throws Exception {
        assertProblem(postRevocation("not a jws"), 400, "malformed_token");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/revocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(r, 400, "invalid_request");
    }
}
