package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.store.testing.PostgresDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on one PostgreSQL: a delegated token revoked through A is refused by a running B within a second
 * (LISTEN/NOTIFY), even when B had it cached, and by a B that starts afterwards (it loads the revocations).
 */
class PostgresDelegationRevocationTest {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SampleEnergyApi energy;
    private Path passwordFile;

    @BeforeEach
    void setUp() throws Exception {
        energy = new SampleEnergyApi();
        passwordFile = dir.resolve("db.password");
        Files.writeString(passwordFile, PG.password() + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void tearDown() {
        energy.close();
        http.close();
    }

    private GatewayRuntime start(String name) throws Exception {
        String url = PG.url().replace("jdbc:postgresql://", "postgresql://" + PG.user() + "@");
        return GatewayRuntime.start(GatewayConfig.parse("""
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                store:
                  backend: postgres
                  url: %s
                  password_file: %s
                  pool_size: 2
                services:
                  - name: energy
                    match:
                      path: /energy(/.*)?
                    upstream: http://127.0.0.1:%d
                    auth: bifrost
                    pop: off
                    rules:
                      - {method: GET, path: '/energy/sites/{site}/meters'}
                """.formatted(dir.resolve(name), url, passwordFile, energy.port()), name), Clock.systemUTC(), random);
    }

    private int meters(GatewayRuntime g, String token) throws Exception {
        URI uri = URI.create("http://" + GatewayRuntime.hostPort(g.listening().get(0)) + "/energy/sites/site-1/meters");
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "DPoP " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aTokenRevokedThroughOneGatewayIsRefusedByAnotherThatLoadsAfterwards() throws Exception {
        String token = token();
        try (GatewayRuntime a = start("a")) {
            assertThat(meters(a, token)).isEqualTo(200);
            revokeThrough(a, token);
            assertThat(meters(a, token)).isEqualTo(401);
            try (GatewayRuntime b = start("b")) {
                assertThat(meters(b, token)).isEqualTo(401);
            }
        }
    }

    @Test
    void aTokenRevokedThroughOneGatewayIsRefusedByARunningOneWithinASecond() throws Exception {
        String token = token();
        try (GatewayRuntime a = start("a"); GatewayRuntime b = start("b")) {
            assertThat(meters(b, token)).as("verified and cached by B").isEqualTo(200);
            revokeThrough(a, token);
            long revoked = System.nanoTime();
            while (meters(b, token) == 200 && System.nanoTime() - revoked < 5_000_000_000L) {
                Thread.sleep(20);
            }
            assertThat(meters(b, token)).isEqualTo(401);
            assertThat((System.nanoTime() - revoked) / 1_000_000).as("ms until B refuses it").isLessThanOrEqualTo(1_000);
        }
    }

    private String token() throws Exception {
        Instant now = Instant.now();
        return DelegationToken.sign(Ed25519KeyPair.generate(random), Ed25519KeyPair.generate(random).publicKey(),
                Attributes.empty(), now, now.plusSeconds(3600));
    }

    /** Revokes {@code token} on the admin API of {@code g}, started as {@code "a"}. */
    private void revokeThrough(GatewayRuntime g, String token) throws Exception {
        String name = "a";
        String bearer = "Bearer " + Files.readString(dir.resolve(name).resolve("admin.secret")).strip();
        URI revoke = URI.create("http://" + GatewayRuntime.hostPort(g.adminAddress().orElseThrow())
                + "/api/delegations/" + TokenHash.of(token).toHex() + "/revoke");
        assertThat(http.send(HttpRequest.newBuilder(revoke).header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(200);
    }
}
