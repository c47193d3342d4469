package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.client.L402Client;
import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.devnode.WalletCredentials;
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
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Gateways on PostgreSQL, as {@code serve} assembles them: two on one database act as one, and a database that
 * cannot be reached stops the start with its URL named and never its password.
 */
class PostgresGatewayTest {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @TempDir
    Path dir;

    private SampleQuotesApi upstream;
    private Path passwordFile;

    @BeforeEach
    void setUp() throws Exception {
        upstream = new SampleQuotesApi();
        passwordFile = dir.resolve("db.password");
        Files.writeString(passwordFile, PG.password() + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    /** Also: {@code serve} switched logging to JSON for the process; back to the tests' quiet configuration. */
    @AfterEach
    void tearDown() throws Exception {
        upstream.close();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private String config(String name, String url) {
        return """
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
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
        return GatewayRuntime.start(GatewayConfig.parse(config(name, url), name), Clock.systemUTC(),
                new SecureRandom());
    }

    @Test
    void aTokenPaidThroughOneGatewayIsAcceptedAndBookedByAnother() throws Exception {
        try (GatewayRuntime a = start("a"); GatewayRuntime b = start("b")) {
            WalletCredentials wallet = a.node().createWallet();
            a.node().fund(wallet.walletId(), 1_000_000);
            try (L402Client client = L402Client.builder()
                    .payer(LnbitsPayer.builder(a.devWalletApi().orElseThrow(), wallet.apiKey().reveal()).build())
                    .tokenDirectory(dir.resolve("tokens")).build()) {
                assertThat(client.send(HttpRequest.newBuilder(base(a).resolve("/quotes/today")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> throughB = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    base(b).resolve("/quotes/today")).header("Authorization", storedAuthorization()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(throughB.statusCode()).as(throughB.body()).isEqualTo(200);

            JsonNode token = settledTokenSeenBy(b);
            assertThat(token.get("service").asText()).isEqualTo("quotes");
        }
    }

    /** The one token in B's books, once A's bookkeeping thread has booked its settlement (within 10 s). */
    private JsonNode settledTokenSeenBy(GatewayRuntime b) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            JsonNode tokens = new ObjectMapper().readTree(admin(b, "/api/tokens").body()).get("tokens");
            assertThat(tokens).hasSize(1);
            if (!tokens.get(0).get("settled_at").isNull()) {
                return tokens.get(0);
            }
            assertThat(System.nanoTime()).as("A's settlement seen by B").isLessThan(deadline);
            Thread.sleep(50);
        }
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

    private static URI base(GatewayRuntime g) {
        return URI.create("http://" + GatewayRuntime.hostPort(g.listening().get(0)));
    }

    private HttpResponse<String> admin(GatewayRuntime g, String path) throws Exception {
        String bearer = "Bearer " + Files.readString(dir.resolve("b/admin.secret")).strip();
        URI uri = URI.create("http://" + GatewayRuntime.hostPort(g.adminAddress().orElseThrow()) + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", bearer).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The Authorization value the client stored (its token file), as another program would send it. */
    private String storedAuthorization() throws Exception {
        try (var files = Files.list(dir.resolve("tokens"))) {
            Path file = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            JsonNode t = new ObjectMapper().readTree(Files.readString(file));
            return "L402 " + t.get("macaroon").asText() + ":" + t.get("preimage").asText();
        }
    }
}
