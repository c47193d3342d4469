package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.client.bifrost.BifrostApp;
import dev.turnpike.client.bifrost.BifrostWallet;
import dev.turnpike.client.bifrost.PendingLogin;
import dev.turnpike.client.bifrost.SessionRef;
import dev.turnpike.client.bifrost.SessionView;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.store.testing.PostgresDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways on PostgreSQL, as {@code serve} assembles them: two on one database act as one, and a database that
 * cannot be reached stops the start with its URL named and never its password.
 */
class PostgresGatewayTest {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    /** One client, so that polling reuses its connections (a gateway caps connections per client network). */
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private SampleQuotesApi upstream;
    private Path passwordFile;
    /** The name of each gateway started, which is also its data folder in {@link #dir}. */
    private final Map<GatewayRuntime, String> names = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        upstream = new SampleQuotesApi();
        passwordFile = dir.resolve("db.password");
        Files.writeString(passwordFile, PG.password() + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void tearDown() throws Exception {
        upstream.close();
        PaidRequests.quietLogsAgain();
    }

    private String config(String name, String url) {
        return """
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                bifrost:
                  enabled: true
                store:
                  backend: postgres
                  url: %s
                  password_file: %s
                  pool_size: 3
                services:
                  - name: quotes
                    match:
                      path: /quotes(/.*)?
                    upstream: http://127.0.0.1:%d
                    price_sats: 21
                """.formatted(dir.resolve(name), url, passwordFile, upstream.port());
    }

    private GatewayRuntime start(String name) throws Exception {
        String url = PG.url().replace("jdbc:postgresql://", "postgresql://" + PG.user() + "@");
        GatewayRuntime g = GatewayRuntime.start(GatewayConfig.parse(config(name, url), name), Clock.systemUTC(),
                new SecureRandom());
        names.put(g, name);
        return g;
    }

    @Test
    void aTokenPaidThroughOneGatewayIsAcceptedAndBookedByAnother() throws Exception {
        try (GatewayRuntime a = start("a"); GatewayRuntime b = start("b")) {
            HttpResponse<String> throughB = getThrough(b, PaidRequests.buyQuote(a, dir.resolve("tokens")));
            assertThat(throughB.statusCode()).as(throughB.body()).isEqualTo(200);

            JsonNode token = settledTokenSeenBy(b);
            assertThat(token.get("service").asText()).isEqualTo("quotes");
        }
    }

    /** The one token in B's books, once A's bookkeeping thread has booked its settlement (within 10 s). */
    private JsonNode settledTokenSeenBy(GatewayRuntime b) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            JsonNode tokens = new ObjectMapper().readTree(admin(b, "GET", "/api/tokens").body()).get("tokens");
            assertThat(tokens).hasSize(1);
            if (!tokens.get(0).get("settled_at").isNull()) {
                return tokens.get(0);
            }
            assertThat(System.nanoTime()).as("A's settlement seen by B").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** A's admin revokes a token B has verified and cached: B refuses it within a second (LISTEN/NOTIFY). */
    @Test
    void aRevocationThroughOneGatewayIsEnforcedByTheOtherWithinASecond() throws Exception {
        try (GatewayRuntime a = start("a"); GatewayRuntime b = start("b")) {
            String authorization = PaidRequests.buyQuote(a, dir.resolve("tokens"));
            assertThat(getThrough(b, authorization).statusCode()).isEqualTo(200); // now cached by B
            String tokenId = new ObjectMapper().readTree(admin(a, "GET", "/api/tokens").body())
                    .at("/tokens/0/token_id").asText();
            assertThat(admin(a, "POST", "/api/tokens/" + tokenId + "/revoke").statusCode()).isEqualTo(200);
            assertThat(millisUntilRefusedBy(b, authorization, 5_000)).as("ms until B refuses it")
                    .isLessThanOrEqualTo(1_000);
        }
    }

    /**
     * The connection that LISTENs is killed (as a PostgreSQL restart or a network loss would): it comes back by
     * itself, and a revocation made while it was gone is found by the resync that follows.
     */
    @Test
    void aLostListenConnectionComesBackAndResyncsWhatItMissed() throws Exception {
        try (GatewayRuntime a = start("a"); GatewayRuntime b = start("b")) {
            String authorization = PaidRequests.buyQuote(a, dir.resolve("tokens"));
            assertThat(getThrough(b, authorization).statusCode()).isEqualTo(200);
            String tokenId = new ObjectMapper().readTree(admin(a, "GET", "/api/tokens").body())
                    .at("/tokens/0/token_id").asText();
            try (Connection c = DriverManager.getConnection(PG.url(), PG.user(), PG.password());
                    Statement s = c.createStatement()) {
                // both listeners go: B hears of the revocation by its resync, or by NOTIFY if its listener is back
                // first (PostgresChangeFeedTest proves the resync after a loss on its own)
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'turnpike-listen'");
                assertThat(admin(a, "POST", "/api/tokens/" + tokenId + "/revoke").statusCode()).isEqualTo(200);
            }
            assertThat(millisUntilRefusedBy(b, authorization, 15_000)).as("ms until B refuses it").isLessThan(15_000);
        }
    }

    /** An app long-polls its session on A; the wallet approves it through B: A's long-poll ends within a second. */
    @Test
    void aLongPollOnOneGatewayEndsWithinASecondOfAnApprovalThroughAnother() throws Exception {
        try (GatewayRuntime a = start("a"); GatewayRuntime b = start("b")) {
            SecureRandom random = new SecureRandom();
            try (BifrostApp app = BifrostApp.builder(a.bifrost().orElseThrow(), Ed25519KeyPair.generate(random))
                    .build();
                    BifrostWallet wallet = BifrostWallet.builder(Ed25519KeyPair.generate(random)).build()) {
                PendingLogin login = app.open(Attributes.empty().withName("Meter reader"));
                CompletableFuture<Long> tokenAt = CompletableFuture.supplyAsync(() -> {
                    try {
                        app.awaitToken(login);
                        return System.nanoTime();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(1_000); // the app is waiting in its long-poll on A by now
                SessionView asked = wallet.fetch(new SessionRef(b.bifrost().orElseThrow(), login.sessionId()));
                wallet.approve(asked, Duration.ofHours(1));
                long approvedAt = System.nanoTime();
                long tokenTime = tokenAt.get(20, TimeUnit.SECONDS);
                assertThat((tokenTime - approvedAt) / 1_000_000).as("ms from approval on B to the token on A")
                        .isLessThanOrEqualTo(1_000);
            }
        }
    }

    private static HttpResponse<String> getThrough(GatewayRuntime g, String authorization) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(PaidRequests.base(g).resolve("/quotes/today"))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Milliseconds until {@code g} stops accepting the token, asking every 20 ms; {@code limit} if it never does. */
    private static long millisUntilRefusedBy(GatewayRuntime g, String authorization, long limit) throws Exception {
        long start = System.nanoTime();
        while (getThrough(g, authorization).statusCode() == 200) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed >= limit) {
                return limit;
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void anUnreachableDatabaseStopsTheStartNamingItsUrlButNeverThePassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path file = dir.resolve("turnpike.yaml");
        Files.writeString(file, config("state", "postgresql://gw@127.0.0.1:" + closed + "/turnpike"));
        CliTest.Run r = CliTest.run("serve", "--config", file.toString());
        assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
        assertThat(r.err()).startsWith("turnpike serve: PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed
                + "/turnpike cannot be used: Connection to 127.0.0.1:" + closed + " refused")
                .doesNotContain(PG.password());
        assertThat(r.out()).doesNotContain("listening");
    }

    private HttpResponse<String> admin(GatewayRuntime g, String method, String path) throws Exception {
        String bearer = "Bearer " + Files.readString(dir.resolve(names.get(g)).resolve("admin.secret")).strip();
        URI uri = URI.create("http://" + GatewayRuntime.hostPort(g.adminAddress().orElseThrow()) + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).header("Authorization", bearer)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
