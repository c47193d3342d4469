package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.devnode.EmbeddedDevWallets;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.gateway.api.AdminApi;
import dev.turnpike.gateway.api.AdminSecret;
import dev.turnpike.gateway.api.DevWalletApi;
import dev.turnpike.gateway.api.InMemoryLedger;
import dev.turnpike.gateway.ledger.LedgerRecorder;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.lightning.node.NodeHealth;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON APIs mounted on the gateway over real HTTP: the dev wallet API beside a paid route on the main
 * listener (one keep-alive connection serves both), and the admin API on its own listener, whose
 * revocation the paid route obeys at once. Minting goes through a {@code TokenMint} that books the token.
 */
class MountedApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private L402Fixture l402;
    private TestUpstream upstream;
    private Gateway gateway;
    private URI base;
    private URI admin;
    private String bearer;
    private WalletCredentials wallet;

    @BeforeEach
    void start() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
        var ledger = new InMemoryLedger(l402.rootKeys);
        LedgerRecorder recorder = new LedgerRecorder(ledger, Runnable::run, Clock.systemUTC());
        AdminSecret secret = AdminSecret.loadOrCreate(dir.resolve("admin.secret"), l402.random);
        bearer = "Bearer " + Files.readString(dir.resolve("admin.secret")).strip();
        gateway = Gateway.builder(Pipeline.builder()
                        .routes(new RouteTable(List.of(GatewayTest.route("quotes", upstream.url(), GatewayTest.PAID))))
                        .verifier(l402.verifier)
                        .minter(l402.minterWith(recorder::minted)::mint)
                        .revocations(l402.revocations)
                        .clock(l402.clock))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .mount(new DevWalletApi(new EmbeddedDevWallets(l402.node), "/devwallet"))
                .admin(new InetSocketAddress("127.0.0.1", 0),
                        new AdminApi(ledger, l402.revocations, secret, () -> "# none\n",
                                () -> new NodeHealth(NodeHealth.Status.UP, l402.clock.instant(), ""), l402.clock))
                .build();
        base = URI.create("http://127.0.0.1:" + gateway.start().get(0).getPort());
        admin = URI.create("http://127.0.0.1:" + gateway.adminAddress().orElseThrow().getPort());
        wallet = l402.node.createWallet();
        l402.node.fund(wallet.walletId(), 1_000_000);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
        l402.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientPaysThroughTheDevWalletApiAndTheAdminRevokesItsToken() throws Exception {
        HttpResponse<String> challenge = send(HttpRequest.newBuilder(base.resolve("/quotes/today")));
        assertThat(challenge.statusCode()).isEqualTo(402);
        String header = challenge.headers().allValues("WWW-Authenticate").get(1);
        String macaroon = header.substring(header.indexOf("macaroon=\"") + 10, header.indexOf("\", invoice"));
        String invoice = header.substring(header.indexOf("invoice=\"") + 9, header.length() - 1);

        HttpResponse<String> paid = send(HttpRequest.newBuilder(base.resolve("/devwallet/api/v1/payments"))
                .header("X-Api-Key", wallet.apiKey().reveal())
                .POST(HttpRequest.BodyPublishers.ofString("{\"out\": true, \"bolt11\": \"" + invoice + "\"}")));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(paid.headers().firstValue("Content-Type")).hasValue("application/json");
        String preimage = JSON.readTree(paid.body()).get("preimage").asText();

        HttpResponse<String> ok = send(HttpRequest.newBuilder(base.resolve("/quotes/today"))
                .header("Authorization", "L402 " + macaroon + ":" + preimage));
        assertThat(ok.statusCode()).isEqualTo(200);
        String tokenId = upstream.seen.stream().map(s -> s.header("X-Turnpike-Token-Id"))
                .filter(Objects::nonNull).findFirst().orElseThrow();

        JsonNode listed = JSON.readTree(send(HttpRequest.newBuilder(admin.resolve("/api/tokens"))
                .header("Authorization", bearer)).body());
        assertThat(listed.get("tokens").get(0).get("token_id").asText()).isEqualTo(tokenId);

        HttpResponse<String> revoked = send(HttpRequest.newBuilder(admin.resolve("/api/tokens/" + tokenId + "/revoke"))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

        HttpResponse<String> after = send(HttpRequest.newBuilder(base.resolve("/quotes/today"))
                .header("Authorization", "L402 " + macaroon + ":" + preimage));
        assertThat(after.statusCode()).isEqualTo(402);
        assertThat(after.body()).contains("revoked");
    }

    @Test
    void adminNeedsTheSecretAndServesHealthWithout() throws Exception {
        assertThat(send(HttpRequest.newBuilder(admin.resolve("/api/tokens"))).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(admin.resolve("/healthz"))).statusCode()).isEqualTo(200);
        // the admin listener proxies nothing
        assertThat(send(HttpRequest.newBuilder(admin.resolve("/quotes/today"))).statusCode()).isEqualTo(404);
    }

    @Test
    void anOversizedApiBodyIs413AndTheConnectionServesOn() throws Exception {
        HttpResponse<String> big = send(HttpRequest.newBuilder(base.resolve("/devwallet/api/v1/payments"))
                .header("X-Api-Key", wallet.apiKey().reveal())
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(send(HttpRequest.newBuilder(base.resolve("/devwallet/api/v1/wallet"))
                .header("X-Api-Key", wallet.apiKey().reveal())).statusCode()).isEqualTo(200);
        // a path that only starts like the prefix is routed, not served by the API
        assertThat(send(HttpRequest.newBuilder(base.resolve("/devwalletx"))).statusCode()).isEqualTo(404);
    }
}
