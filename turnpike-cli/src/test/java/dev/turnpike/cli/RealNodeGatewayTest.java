package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.nodes.fake.FakeLnd;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as {@code serve} runs it on lnd — here a contract fake of lnd's REST API ({@link FakeLnd}), since lnd
 * cannot run on this machine: challenges carry the node's invoices, settlements arrive over the invoice stream, and
 * while the node is unreachable paid tokens keep working, new challenges are 503 with Retry-After and
 * {@code /healthz} says so.
 */
class RealNodeGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private FakeLnd lnd;
    private SampleQuotesApi upstream;
    private GatewayRuntime gateway;

    @BeforeEach
    void start() throws Exception {
        lnd = new FakeLnd(Files.createDirectories(dir.resolve("lnd")), Network.REGTEST);
        upstream = new SampleQuotesApi();
        gateway = startGateway("");
    }

    /** The gateway in front of the fake lnd; {@code lightning} adds keys to the lightning section. */
    private GatewayRuntime startGateway(String lightning) throws Exception {
        GatewayConfig config = GatewayConfig.parse("""
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                lightning:
                  backend: lnd
                  network: regtest
                %s  lnd:
                    host: %s
                    tls_cert: %s
                    macaroon: %s
                services:
                  - name: quotes
                    upstream: http://127.0.0.1:%d
                    price_sats: 21
                """.formatted(dir.resolve("state"), lightning, lnd.address(), lnd.certificateFile(),
                lnd.macaroonFile(), upstream.port()), "test");
        return GatewayRuntime.start(config, Clock.systemUTC(), new SecureRandom());
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
        lnd.close();
    }

    private URI url(String path) {
        return URI.create("http://" + GatewayRuntime.hostPort(gateway.listening().get(0)) + path);
    }

    private HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode admin(String path) throws Exception {
        String bearer = "Bearer " + Files.readString(dir.resolve("state/admin.secret")).strip();
        URI uri = URI.create("http://" + GatewayRuntime.hostPort(gateway.adminAddress().orElseThrow()) + path);
        return JSON.readTree(get(uri, "Authorization", bearer).body());
    }

    /** A 402 from the gateway, its lnd invoice paid (settled at the node), the token as a client would send it. */
    private String buyToken() throws Exception {
        HttpResponse<String> r = get(url("/quotes/today"));
        assertThat(r.statusCode()).isEqualTo(402);
        Challenge c = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(
                r.headers().allValues("www-authenticate"))).value();
        Bolt11Invoice invoice = Bolt11Invoice.decode(c.invoice());
        assertThat(invoice.amountMsat()).hasValue(21_000L);
        PaymentHash hash = invoice.paymentHash();
        assertThat(lnd.settle(hash)).isTrue();
        Preimage preimage = Preimage.of(lnd.invoices().get(hash).orElseThrow().preimage().bytes());
        return L402Headers.authorizationValue(new Credential(c.macaroon(), preimage));
    }

    @Test
    void theAdminApiSaysThereAreNoDevWalletsOnARealNode() throws Exception {
        JsonNode problem = admin("/api/devwallets");

        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asText()).isEqualTo("this gateway has no dev wallets: its Lightning"
                + " backend is a real node, not the embedded one");
    }

    @Test
    void strictVerifyAsksLndWhetherTheInvoiceIsSettledBeforeTheTokensFirstUse() throws Exception {
        gateway.close();
        gateway = startGateway("  strict_verify: true\n");
        HttpResponse<String> r = get(url("/quotes/today"));
        Challenge c = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(
                r.headers().allValues("www-authenticate"))).value();
        PaymentHash hash = Bolt11Invoice.decode(c.invoice()).paymentHash();
        Preimage preimage = Preimage.of(lnd.invoices().get(hash).orElseThrow().preimage().bytes());
        String token = L402Headers.authorizationValue(new Credential(c.macaroon(), preimage));

        HttpResponse<String> unsettled = get(url("/quotes/today"), "Authorization", token);
        assertThat(unsettled.statusCode()).as("the preimage alone is not enough").isEqualTo(402);
        assertThat(unsettled.body()).contains("not_settled");

        assertThat(lnd.settle(hash)).isTrue();
        assertThat(get(url("/quotes/today"), "Authorization", token).statusCode()).isEqualTo(200);
    }

    @Test
    void paidTrafficKeepsFlowingWhileLndIsUnreachable() throws Exception {
        String token = buyToken();
        assertThat(get(url("/quotes/today"), "Authorization", token).statusCode()).isEqualTo(200);
        assertThat(admin("/healthz").get("lightning").get("status").asText()).isEqualTo("up");

        lnd.goOffline();
        assertThat(get(url("/quotes/today"), "Authorization", token).statusCode())
                .as("verification never needs the node").isEqualTo(200);
        HttpResponse<String> challenge = get(url("/quotes/today"));
        assertThat(challenge.statusCode()).isEqualTo(503);
        assertThat(challenge.headers().firstValue("retry-after")).isPresent();
        assertThat(challenge.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode health = admin("/healthz");
        assertThat(health.get("status").asText()).isEqualTo("degraded");
        assertThat(health.get("lightning").get("status").asText()).isEqualTo("down");
        assertThat(health.toString()).doesNotContain(java.util.HexFormat.of().formatHex(Files.readAllBytes(lnd.macaroonFile())));

        lnd.goOnline();
        assertThat(get(url("/quotes/today")).statusCode()).isEqualTo(402);
        assertThat(admin("/healthz").get("status").asText()).isEqualTo("ok");
    }

    @Test
    void aSettlementMadeWhileTheStreamIsDownIsBookedAfterTheReconnect() throws Exception {
        assertThat(lnd.awaitSubscribers(1, Duration.ofSeconds(10))).isTrue();
        HttpResponse<String> r = get(url("/quotes/today"));
        PaymentHash hash = Bolt11Invoice.decode(((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(
                r.headers().allValues("www-authenticate"))).value().invoice()).paymentHash();

        lnd.goOffline(); // the invoice stream breaks; the payment arrives meanwhile
        lnd.invoices().settle(hash);
        lnd.goOnline();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode token;
        do {
            token = admin("/api/tokens").get("tokens").get(0);
            if (!token.get("settled_at").isNull()) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(token.get("settled_at").isNull()).as("the settlement was booked after the reconnect").isFalse();
    }
}
