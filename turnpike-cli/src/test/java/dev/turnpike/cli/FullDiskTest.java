package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.config.GatewayConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The SQLite store on a full disk, a real one: a small tmpfs the test mounts (as root; skipped otherwise). What must
 * write answers 503 problem+json with Retry-After, logged once; paid tokens already verified keep flowing; freeing
 * space brings challenges back without a restart, and the database is intact.
 */
class FullDiskTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @AfterEach
    void quietLogsAgain() throws Exception {
        PaidRequests.quietLogsAgain();
    }

    @Test
    void onAFullTmpfsChallengesAnswer503PaidTokensFlowAndFreeingSpaceRecoversWithoutCorruption() throws Exception {
        SmallFilesystem disk = SmallFilesystem.mount(dir.resolve("disk"), 512);
        assumeTrue(disk != null, "a tmpfs cannot be mounted here (not root): the full-disk test is skipped");
        Path db = disk.path().resolve("turnpike.db");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        Logger issuer = (Logger) LoggerFactory.getLogger("dev.turnpike.gateway.pipeline.ChallengeIssuer");
        try (disk; SampleQuotesApi upstream = new SampleQuotesApi()) {
            try (GatewayRuntime gateway = start(upstream, db)) {
                String paid = PaidRequests.buyQuote(gateway, dir.resolve("tokens"));
                events.start();
                issuer.addAppender(events); // the expected error goes to the test, not the console
                issuer.setAdditive(false);
                issuer.setLevel(Level.INFO);
                disk.fill();

                HttpResponse<String> refused = challengeUntil(gateway, 503);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
                assertThat(refused.headers().firstValue("retry-after")).isPresent();
                assertThat(new ObjectMapper().readTree(refused.body()).get("type").asText()).endsWith("store-unavailable");
                assertThat(challenge(gateway).statusCode()).as("still full").isEqualTo(503);
                assertThat(PaidRequests.getQuote(gateway, paid).statusCode()).as("paid, disk full").isEqualTo(200);

                disk.free();
                assertThat(challengeUntil(gateway, 402).statusCode()).as("space freed").isEqualTo(402);
            } finally {
                issuer.detachAppender(events);
                issuer.setAdditive(true);
                issuer.setLevel(null);
            }
            assertThat(events.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).singleElement()
                    .satisfies(e -> assertThat(e.getThrowableProxy()).isNull())
                    .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("minting a token for quotes failed:")
                            .contains("[SQLITE_FULL]").contains("(database or disk is full)"));
            assertThat(events.list).filteredOn(e -> e.getLevel() == Level.INFO).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).isEqualTo("minting tokens for quotes works again"));
            assertThat(integrityCheck(db)).isEqualTo("ok");
        }
    }

    private GatewayRuntime start(SampleQuotesApi upstream, Path db) throws Exception {
        String config = """
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                store:
                  backend: sqlite
                  path: %s
                rate_limits:
                  challenges_per_ip:
                    enabled: false
                services:
                  - name: quotes
                    match:
                      path: /quotes(/.*)?
                    upstream: http://127.0.0.1:%d
                    price_sats: 21
                """.formatted(dir.resolve("state"), db, upstream.port());
        return GatewayRuntime.start(GatewayConfig.parse(config, "turnpike.yaml"), Clock.systemUTC(), new SecureRandom());
    }

    private static HttpResponse<String> challenge(GatewayRuntime g) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(PaidRequests.base(g).resolve("/quotes/today")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Asks for a challenge until the answer is {@code status}, for at most 60 s: each one writes a root key and a
     * token, so the write-ahead log grows until the disk refuses it.
     */
    private static HttpResponse<String> challengeUntil(GatewayRuntime g, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> r = challenge(g);
        while (r.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(20);
            r = challenge(g);
        }
        return r;
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }
}
