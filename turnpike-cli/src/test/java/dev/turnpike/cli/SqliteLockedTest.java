package dev.turnpike.cli;

import static dev.turnpike.cli.StoreOutage.assertUnavailable;
import static dev.turnpike.cli.StoreOutage.openSession;
import static dev.turnpike.cli.StoreOutage.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.store.Database;
import dev.turnpike.store.testing.SqliteLock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite file locked by another process (issue 12's fault; {@link SqliteLock}, a JVM of its own holding
 * {@code BEGIN EXCLUSIVE}): {@code serve} stops at start with the file named and what to do; a running gateway
 * answers what must write with 503 problem+json and {@code Retry-After} while paid traffic flows, and serves writes
 * again by itself once the lock is gone. The file is intact afterwards.
 */
class SqliteLockedTest {

    @TempDir
    Path dir;

    private SampleQuotesApi upstream;
    private Path config;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        upstream = new SampleQuotesApi();
        Path state = Files.createDirectory(dir.resolve("state"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        file = state.resolve("turnpike.db");
        Database.sqlite(file).close(); // the deployment's file, as a previous start left it
        config = dir.resolve("turnpike.yaml");
        Files.writeString(config, """
                listen: 127.0.0.1:0
                data_dir: %s
                bifrost:
                  enabled: true
                services:
                  - name: quotes
                    match:
                      path: /quotes(/.*)?
                    upstream: http://127.0.0.1:%d
                    price_sats: 21
                """.formatted(state, upstream.port()));
    }

    @AfterEach
    void tearDown() throws Exception {
        upstream.close();
        PaidRequests.quietLogsAgain();
    }

    @Test
    void serveStopsAtStartNamingTheLockedFileAndWhatToDo() throws Exception {
        CliTest.Run r;
        try (SqliteLock lock = SqliteLock.hold(file)) {
            r = CliTest.run("serve", "--config", config.toString());
        }
        assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(r.err()).startsWith("turnpike serve: SQLite database " + file.toAbsolutePath()
                + " is locked by another process (waited 5 s; stop the other program using it");
        assertThat(r.out()).doesNotContain("listening");
        assertThat(SqliteLock.integrityCheck(file)).isEqualTo("ok");
    }

    @Test
    void writesAnswer503WhileAnotherProcessHoldsTheLockAndResumeByThemselves() throws Exception {
        try (GatewayRuntime gateway = GatewayRuntime.start(GatewayConfig.load(config), Clock.systemUTC(),
                new SecureRandom())) {
            URI base = PaidRequests.base(gateway);
            String authorization = PaidRequests.buyQuote(gateway, dir.resolve("tokens"));
            try (SqliteLock lock = SqliteLock.hold(file)) {
                assertThat(quote(base, authorization).statusCode()).as("paid, during the lock").isEqualTo(200);
                assertUnavailable(quote(base, null), "store-unavailable");
                assertUnavailable(openSession(gateway), "temporarily_unavailable");
            }
            assertThat(quote(base, null).statusCode()).as("a challenge once the lock is gone").isEqualTo(402);
            assertThat(openSession(gateway).statusCode()).isEqualTo(201);
        }
        assertThat(SqliteLock.integrityCheck(file)).isEqualTo("ok");
    }
}
