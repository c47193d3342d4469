package dev.turnpike.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.turnpike.devnode.EmbeddedDevWallets;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.gateway.api.DevWalletApi;
import dev.turnpike.gateway.challenge.InvoiceChallenger;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import dev.turnpike.gateway.server.Gateway;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.RevocationCheck;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.macaroon.RootKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real third-party L402 clients complete a paid request against the running gateway, paying through the
 * embedded node's LNbits-compatible dev wallet API: Alby's {@code fetchWithL402}
 * ({@code @getalby/lightning-tools}) and {@code lsat-js} (with node's fetch).
 */
class GatewayInteropTest {

    private EmbeddedNode node;
    private HttpServer upstream;
    private Gateway gateway;
    private String base;
    private WalletCredentials wallet;

    @BeforeEach
    void start() throws Exception {
        node = EmbeddedNode.builder().build();
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            byte[] body = "{\"quote\": \"Running bitcoin.\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        Map<RootKeyId, RootKey> rootKeys = new ConcurrentHashMap<>();
        Minter minter = Minter.builder()
                .challenger(new InvoiceChallenger(node, Duration.ofMinutes(10)))
                .rootKeyWriter(rootKeys::put)
                .random(new java.security.SecureRandom())
                .clock(Clock.systemUTC())
                .build();
        L402Verifier verifier = L402Verifier.builder()
                .rootKeyStore(id -> Optional.ofNullable(rootKeys.get(id)))
                .revocationCheck(RevocationCheck.none())
                .clock(Clock.systemUTC())
                .build();
        ServiceRoute quotes = new ServiceRoute("quotes", null, Pattern.compile("/quotes(/.*)?"),
                Upstream.parse("http://127.0.0.1:" + upstream.getAddress().getPort()),
                new AuthPolicy.L402(Price.sats(10), Duration.ofHours(1), 0, List.of(), List.of()), List.of(), List.of());
        gateway = Gateway.builder(Pipeline.builder()
                        .routes(new RouteTable(List.of(quotes)))
                        .verifier(verifier)
                        .minter(minter))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .mount(new DevWalletApi(new EmbeddedDevWallets(node), "/devwallet"))
                .build();
        base = "http://127.0.0.1:" + gateway.start().get(0).getPort();
        wallet = node.createWallet();
        node.fund(wallet.walletId(), 1_000_000);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.stop(0);
        node.close();
    }

    private Map<String, Object> request() {
        return Map.of("url", base + "/quotes/today",
                "wallet", Map.of("base", base + "/devwallet", "key", wallet.apiKey().reveal()));
    }

    @Test
    void albysFetchWithL402PaysOnceAndReusesTheCredential() throws Exception {
        JsonNode r = NodeLibraries.get().call("alby-fetch", request());
        assertThat(r.get("status").asInt()).isEqualTo(200);
        assertThat(r.get("body").asText()).contains("Running bitcoin.");
        assertThat(r.get("paid").asBoolean()).isTrue();
        assertThat(r.get("amountSat").asLong()).isEqualTo(10);
        assertThat(r.get("secondStatus").asInt()).isEqualTo(200);
        assertThat(r.get("payments").asInt()).isEqualTo(1);
        assertThat(node.balanceMsat(wallet.walletId())).isEqualTo(1_000_000 - 10_000);
    }

    @Test
    void lsatJsReadsOurChallengeAndItsTokenIsAccepted() throws Exception {
        JsonNode r = NodeLibraries.get().call("lsat-js-fetch", request());
        assertThat(r.get("challengeStatus").asInt()).isEqualTo(402);
        assertThat(r.get("status").asInt()).isEqualTo(200);
        assertThat(r.get("body").asText()).contains("Running bitcoin.");
    }
}
