package dev.turnpike.cli;

import static dev.turnpike.cli.StoreOutage.assertUnavailable;
import static dev.turnpike.cli.StoreOutage.openSession;
import static dev.turnpike.cli.StoreOutage.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.store.testing.RestartablePostgres;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under a running gateway (issue 12's fault): paid traffic on a token the gateway has
 * verified keeps flowing; what must write (a new challenge, a new Bifrost session) fails fast with 503
 * problem+json and {@code Retry-After}; once PostgreSQL is back the gateway serves writes again by itself.
 */
class PostgresRestartTest {

    @RegisterExtension
    static final RestartablePostgres PG = new RestartablePostgres();

    @TempDir
    Path dir;

    @AfterEach
    void quietLogsAgain() throws Exception {
        PaidRequests.quietLogsAgain();
    }

    @Test
    void paidTrafficFlowsWritesAnswer503AndServiceResumesByItself() throws Exception {
        try (SampleQuotesApi upstream = new SampleQuotesApi(); GatewayRuntime gateway = start(upstream)) {
            URI base = PaidRequests.base(gateway);
            String authorization = PaidRequests.buyQuote(gateway, dir.resolve("tokens"));

            PG.stop();
            try {
                assertThat(quote(base, authorization).statusCode()).as("paid, token already verified").isEqualTo(200);
                long asked = System.nanoTime();
                HttpResponse<String> challenge = quote(base, null);
                assertThat((System.nanoTime() - asked) / 1_000_000).as("ms to answer a challenge").isLessThan(5_000);
                assertUnavailable(challenge, "store-unavailable");
                assertUnavailable(openSession(gateway), "temporarily_unavailable");
                assertThat(quote(base, authorization).statusCode()).as("paid, during the outage").isEqualTo(200);
            } finally {
                PG.start();
            }
            assertThat(statusWithin(Duration.ofSeconds(20), () -> quote(base, null).statusCode(), 402))
                    .as("a challenge once PostgreSQL is back").isEqualTo(402);
            assertThat(openSession(gateway).statusCode()).isEqualTo(201);
        }
    }

    private interface Status {
        int get() throws Exception;
    }

    /** The status {@code ask} answers, asked every 200 ms until it is {@code wanted} or the time is up. */
    private static int statusWithin(Duration time, Status ask, int wanted) throws Exception {
        long deadline = System.nanoTime() + time.toNanos();
        int status = ask.get();
        while (status != wanted && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = ask.get();
        }
        return status;
    }

    private GatewayRuntime start(SampleQuotesApi upstream) throws Exception {
        Path passwordFile = dir.resolve("db.password");
        Files.writeString(passwordFile, PG.password() + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        String config = """
                listen: 127.0.0.1:0
                data_dir: %s
                bifrost:
                  enabled: true
                store:
                  backend: postgres
                  url: %s
                  user: %s
                  password_file: %s
                services:
                  - name: quotes
                    match:
                      path: /quotes(/.*)?
                    upstream: http://127.0.0.1:%d
                    price_sats: 21
                """.formatted(dir.resolve("state"), PG.url(), PG.user(), passwordFile, upstream.port());
        return GatewayRuntime.start(GatewayConfig.parse(config, "restart"), Clock.systemUTC(), new SecureRandom());
    }
}
