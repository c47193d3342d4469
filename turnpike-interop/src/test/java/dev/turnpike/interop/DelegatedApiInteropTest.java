package dev.turnpike.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.JwsAlgorithm;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.DelegationPolicy;
import dev.turnpike.gateway.route.DelegationPolicy.ProofMode;
import dev.turnpike.gateway.route.DelegationRule;
import dev.turnpike.gateway.route.PathTemplate;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import dev.turnpike.gateway.server.Gateway;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bifrost at the API with JavaScript peers, over real loopback HTTP: a wallet token made with tweetnacl and a DPoP
 * proof made with jose (both algorithm names) pass the running gateway to the upstream with the wallet's identity;
 * a jose proof by a key that is not the delegated key is refused; and the proofs our SDK makes verify in jose as
 * RFC 9449 proofs (embedded key, {@code typ}, {@code htm}, {@code htu}, {@code ath}).
 */
class DelegatedApiInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] APP_SEED = seed();
    private static final Ed25519KeyPair APP = Ed25519KeyPair.fromSeed(APP_SEED);
    private static final String GRANT = "{\"scopes\":[\"read:meter\"],\"resources\":{\"sites\":[\"site-1\"]}}";

    private static HttpServer upstream;
    private static Gateway gateway;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            byte[] body = JSON.writeValueAsBytes(Map.of(
                    "wallet", String.valueOf(ex.getRequestHeaders().getFirst("X-Turnpike-Wallet")),
                    "app", String.valueOf(ex.getRequestHeaders().getFirst("X-Turnpike-App")),
                    "scopes", String.valueOf(ex.getRequestHeaders().getFirst("X-Turnpike-Scopes"))));
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        DelegationPolicy policy = new DelegationPolicy(ProofMode.REQUIRED, List.of(), List.of(), Duration.ofMinutes(2),
                List.of(new DelegationRule("GET", PathTemplate.parse("/energy/sites/{site}/meters"),
                        Optional.of("read:meter"), Map.of("site", "sites"))),
                List.of(), Optional.empty());
        ServiceRoute energy = new ServiceRoute("energy", null, Pattern.compile("/energy(/.*)?"),
                Upstream.parse("http://127.0.0.1:" + upstream.getAddress().getPort()), new AuthPolicy.Bifrost(policy),
                List.of(), List.of());
        gateway = Gateway.builder(Pipeline.builder().routes(new RouteTable(List.of(energy))))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .build();
        base = "http://127.0.0.1:" + gateway.start().get(0).getPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.stop(0);
    }

    @Test
    void aTweetnaclTokenWithAJoseProofReachesTheUpstreamUnderBothAlgorithmNames() throws Exception {
        NodeLibraries js = NodeLibraries.get();
        JsonNode wallet = walletToken(js);
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            JsonNode answer = js.callBifrost("jose-dpop-fetch", Map.of("seed", HEX.formatHex(APP_SEED),
                    "alg", alg.jwsName(), "method", "GET", "url", base + "/energy/sites/site-1/meters",
                    "token", wallet.get("token").asText()));
            assertThat(answer.get("status").asInt()).as(alg.jwsName()).isEqualTo(200);
            JsonNode seen = JSON.readTree(answer.get("body").asText());
            assertThat(seen.get("wallet").asText()).isEqualTo(wallet.get("issuer").asText());
            assertThat(seen.get("app").asText()).isEqualTo(APP.publicKey().toBase58());
            assertThat(seen.get("scopes").asText()).isEqualTo("read:meter");
        }
    }

    @Test
    void aJoseProofByAnotherKeyThanTheDelegatedOneIsRefused() throws Exception {
        NodeLibraries js = NodeLibraries.get();
        JsonNode answer = js.callBifrost("jose-dpop-fetch", Map.of("seed", HEX.formatHex(seed()), "alg", "EdDSA",
                "method", "GET", "url", base + "/energy/sites/site-1/meters",
                "token", walletToken(js).get("token").asText()));
        assertThat(answer.get("status").asInt()).isEqualTo(401);
        assertThat(answer.get("body").asText()).contains("proof_wrong_key");
    }

    @Test
    void ourDpopProofsVerifyInJose() {
        NodeLibraries js = NodeLibraries.get();
        String token = "eyJhbGciOiJFZDI1NTE5In0.e30.c2ln"; // any access token: the proof binds its hash
        String url = base + "/energy/sites/site-1/meters";
        String proof = PopProof.createDpop(APP, "GET", url, token, Instant.now(), RANDOM);
        JsonNode verified = js.callBifrost("jose-dpop-verify", Map.of("proof", proof, "token", token));
        assertThat(verified.at("/protectedHeader/typ").asText()).isEqualTo("dpop+jwt");
        assertThat(verified.at("/protectedHeader/jwk/x").asText())
                .isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(APP.publicKey().toBytes()));
        assertThat(verified.at("/payload/htm").asText()).isEqualTo("GET");
        assertThat(verified.at("/payload/htu").asText()).isEqualTo(url);
        assertThat(verified.get("athMatches").asBoolean()).isTrue();
    }

    /** A token a JavaScript wallet signs with tweetnacl, delegating to the app's key. */
    private static JsonNode walletToken(NodeLibraries js) throws Exception {
        Instant now = Instant.now();
        Map<String, Object> sign = new LinkedHashMap<>();
        sign.put("seed", HEX.formatHex(seed()));
        sign.put("delegatedKey", APP.publicKey().toBase58());
        sign.put("attributes", JSON.readTree(Attributes.empty().withName("Energy App")
                .withPermissions(Permissions.parse(GRANT)).toJson()));
        sign.put("createdMillis", now.toEpochMilli());
        sign.put("expirationMillis", now.plus(Duration.ofHours(1)).toEpochMilli());
        return js.callBifrost("wallet-sign", sign);
    }

    private static byte[] seed() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        return seed;
    }
}
