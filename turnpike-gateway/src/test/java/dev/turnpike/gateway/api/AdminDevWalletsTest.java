package dev.turnpike.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.devnode.EmbeddedDevWallets;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.node.NodeHealth;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/devwallets} through the admin API: its secret, its validation, and where it is absent. */
class AdminDevWalletsTest {

    private static final URI WALLET_API = URI.create("http://127.0.0.1:8402/devwallet");

    @TempDir
    Path dir;

    private EmbeddedNode node;
    private AdminApi api;
    private String bearer;

    @BeforeEach
    void setUp() throws Exception {
        node = EmbeddedNode.builder().build();
        AdminSecret secret = AdminSecret.loadOrCreate(dir.resolve("admin.secret"), new SecureRandom());
        bearer = "Bearer " + Files.readString(dir.resolve("admin.secret")).strip();
        NodeHealth up = new NodeHealth(NodeHealth.Status.UP, Instant.EPOCH, "");
        api = new AdminApi(new InMemoryLedger(), new RevocationSet(), secret, () -> "",
                () -> up, Clock.systemUTC())
                .devWallets(AdminDevWallets.serving(new EmbeddedDevWallets(node), () -> WALLET_API, Network.REGTEST));
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    private ApiResponse call(String method, String authorization, String body) throws Exception {
        Map<String, String> headers = Map.of("authorization", authorization);
        return api.handle(new ApiRequest(method, AdminDevWallets.PATH, Map.of(), n -> headers.get(n.toLowerCase()),
                body.getBytes(StandardCharsets.UTF_8), InetAddress.getLoopbackAddress(), "http"));
    }

    private static JsonNode json(ApiResponse r) throws Exception {
        return ApiResponse.JSON.readTree(r.body());
    }

    @Test
    void createsAFundedWalletWhoseKeyOpensItAndListsItWithoutTheKey() throws Exception {
        ApiResponse made = call("POST", bearer, "{\"name\": \"alice\", \"amount_sat\": 2500}");

        assertThat(made.status()).isEqualTo(201);
        JsonNode wallet = json(made);
        assertThat(wallet.path("balance_msat").asLong()).isEqualTo(2_500_000);
        assertThat(wallet.path("wallet_api").asText()).isEqualTo(WALLET_API.toString());
        assertThat(wallet.path("network").asText()).isEqualTo("regtest");
        assertThat(new EmbeddedDevWallets(node).authenticate(wallet.path("api_key").asText()))
                .contains(wallet.path("wallet_id").asText());
        ApiResponse listed = call("GET", bearer, "");
        assertThat(listed.status()).isEqualTo(200);
        JsonNode only = json(listed).path("wallets").get(0);
        assertThat(only.path("wallet_id").asText()).isEqualTo(wallet.path("wallet_id").asText());
        assertThat(only.path("name").asText()).isEqualTo("alice");
        assertThat(only.path("balance_msat").asLong()).isEqualTo(2_500_000);
        assertThat(only.path("created_at").asText()).isNotEmpty();
        assertThat(new String(listed.body(), StandardCharsets.UTF_8)).doesNotContain(wallet.path("api_key").asText());
    }

    @Test
    void anEmptyBodyMakesAnUnnamedWalletWithServesAmount() throws Exception {
        JsonNode wallet = json(call("POST", bearer, ""));

        assertThat(wallet.path("balance_msat").asLong()).isEqualTo(AdminDevWallets.DEFAULT_AMOUNT_SAT * 1000);
        assertThat(wallet.path("name").isNull()).isTrue();
    }

    @Test
    void refusesAWrongSecret() throws Exception {
        ApiResponse r = call("POST", "Bearer nope", "{}");

        assertThat(r.status()).isEqualTo(401);
        assertThat(json(call("GET", bearer, "")).path("wallets")).isEmpty();
    }

    @Test
    void refusesAnAmountOverTheCapAndMakesNoWallet() throws Exception {
        assertRefused("{\"amount_sat\": " + (AdminDevWallets.MAX_AMOUNT_SAT + 1) + "}", "amount_sat");
        assertThat(json(call("GET", bearer, "")).path("wallets")).isEmpty();
    }

    @Test
    void refusesAZeroOrFractionalOrTextAmount() throws Exception {
        assertRefused("{\"amount_sat\": 0}", "amount_sat");
        assertRefused("{\"amount_sat\": 1.5}", "amount_sat");
        assertRefused("{\"amount_sat\": \"100\"}", "amount_sat");
    }

    @Test
    void refusesABadName() throws Exception {
        assertRefused("{\"name\": \"\"}", "name");
        assertRefused("{\"name\": \"" + "x".repeat(AdminDevWallets.MAX_NAME_LENGTH + 1) + "\"}", "name");
        assertRefused("{\"name\": \"a\\nb\"}", "name");
        assertRefused("{\"name\": 7}", "name");
    }

    @Test
    void refusesABodyThatIsNotAJsonObjectOrHasUnknownFields() throws Exception {
        assertRefused("{\"amount\": 5}", "unknown field 'amount'");
        assertRefused("[1]", "JSON object");
        assertRefused("{nope", "not valid JSON");
    }

    @Test
    void refusesOtherMethods() throws Exception {
        ApiResponse r = call("DELETE", bearer, "");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers()).containsEntry("Allow", "GET, HEAD, POST");
    }

    @Test
    void withoutDevWalletsEveryRequestIsA404ThatSaysWhy() throws Exception {
        api.devWallets(AdminDevWallets.absent("no embedded node here"));

        ApiResponse r = call("POST", bearer, "{}");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(json(r).path("detail").asText()).isEqualTo("no embedded node here");
    }

    private void assertRefused(String body, String detail) throws Exception {
        ApiResponse r = call("POST", bearer, body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(json(r).path("detail").asText()).as(body).contains(detail);
    }
}
