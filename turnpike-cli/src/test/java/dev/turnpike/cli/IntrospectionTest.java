package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.Audience;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.client.L402Client;
import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.devnode.WalletCredentials;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/tokens/introspect} on the admin listener, over loopback on a gateway as {@code serve} assembles it:
 * RFC 7662's answer for a delegated token and for a paid L402 token, inactive once revoked or expired.
 */
class IntrospectionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final SecureRandom random = new SecureRandom();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ServedGateway gateway;
    GatewayRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        gateway = ServedGateway.start(dir);
        runtime = gateway.runtime;
    }

    @AfterEach
    void stop() {
        gateway.close();
        http.close();
    }

    HttpResponse<String> admin(String path, String contentType, String body, boolean authorized) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.adminUrl().resolve(path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorized) {
            b.header("Authorization", gateway.bearer());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode introspect(String token) throws Exception {
        HttpResponse<String> r = admin("/api/tokens/introspect", "application/x-www-form-urlencoded",
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&token_type_hint=access_token", true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void anActiveDelegatedTokenShowsItsIssuerKeyScopesResourcesAndTimes() throws Exception {
        Ed25519KeyPair wallet = Ed25519KeyPair.generate(random);
        Ed25519KeyPair app = Ed25519KeyPair.generate(random);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Attributes attributes = Attributes.empty().withName("Meters")
                .withPermissions(Permissions.parse("{\"scopes\":[\"write:site\",\"read:meter\"],"
                        + "\"resources\":{\"sites\":[\"site-2\",\"site-1\"]}}"))
                .withAudience(Audience.of(List.of("https://api.example.com")));
        String token = DelegationToken.sign(wallet, app.publicKey(), attributes, now, now.plusSeconds(3600));

        JsonNode active = introspect(token);
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("token_type").asText()).isEqualTo("bifrost");
        assertThat(active.get("sub").asText()).isEqualTo(wallet.publicKey().toBase58());
        assertThat(active.get("client_id").asText()).isEqualTo(app.publicKey().toBase58());
        assertThat(active.get("scope").asText()).isEqualTo("read:meter write:site");
        assertThat(active.get("resources").toString()).isEqualTo("{\"sites\":[\"site-1\",\"site-2\"]}");
        assertThat(active.get("exp").asLong()).isEqualTo(now.getEpochSecond() + 3600);
        assertThat(active.get("iat").asLong()).isEqualTo(now.getEpochSecond());
        assertThat(active.get("aud").get(0).asText()).isEqualTo("https://api.example.com");

        assertThat(admin("/api/delegations/" + TokenHash.of(token).toHex() + "/revoke", "text/plain", "", true)
                .statusCode()).isEqualTo(200);
        assertThat(introspect(token).toString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void anExpiredForgedOrUnknownTokenIsInactive() throws Exception {
        Ed25519KeyPair wallet = Ed25519KeyPair.generate(random);
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = DelegationToken.sign(wallet, wallet.publicKey(), Attributes.empty(), past,
                past.plusSeconds(3600));
        assertThat(introspect(expired).toString()).isEqualTo("{\"active\":false}");
        String valid = DelegationToken.sign(wallet, wallet.publicKey(), Attributes.empty(), Instant.now(),
                Instant.now().plusSeconds(60));
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "A".repeat(86);
        assertThat(introspect(forged).toString()).isEqualTo("{\"active\":false}");
        assertThat(introspect("nonsense").toString()).isEqualTo("{\"active\":false}");
        assertThat(introspect("L402 AGIAJEemoQMn:" + "00".repeat(32)).toString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aPaidL402TokenIsActiveWithOrWithoutItsSchemeUntilRevoked() throws Exception {
        WalletCredentials wallet = runtime.node().createWallet();
        runtime.node().fund(wallet.walletId(), 1_000_000);
        URI quote = gateway.base().resolve("/quotes/today");
        try (L402Client c = L402Client.builder()
                .payer(LnbitsPayer.builder(runtime.devWalletApi().orElseThrow(), wallet.apiKey().reveal()).build())
                .tokenDirectory(dir.resolve("tokens")).build()) {
            assertThat(c.send(HttpRequest.newBuilder(quote).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
        }
        String credential = storedCredential();
        JsonNode active = introspect("L402 " + credential);
        assertThat(active.get("active").asBoolean()).as(active.toString()).isTrue();
        assertThat(active.get("token_type").asText()).isEqualTo("L402");
        assertThat(active.get("service").asText()).isEqualTo("quotes");
        assertThat(active.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(active.get("caveats").toString()).contains("services=quotes:0");
        assertThat(introspect(credential)).isEqualTo(active);

        String tokenId = active.get("token_id").asText();
        String wrongPreimage = credential.substring(0, credential.lastIndexOf(':') + 1) + "00".repeat(32);
        assertThat(introspect(wrongPreimage).toString()).isEqualTo("{\"active\":false}");
        assertThat(admin("/api/tokens/" + tokenId + "/revoke", "text/plain", "", true).statusCode()).isEqualTo(200);
        assertThat(introspect(credential).toString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void introspectionNeedsTheAdminSecretAFormAndAToken() throws Exception {
        String form = "application/x-www-form-urlencoded";
        assertThat(admin("/api/tokens/introspect", form, "token=x", false).statusCode()).isEqualTo(401);
        HttpResponse<String> json = admin("/api/tokens/introspect", "application/json", "{\"token\":\"x\"}", true);
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(admin("/api/tokens/introspect", form, "token_type_hint=x", true).statusCode()).isEqualTo(400);
        assertThat(admin("/api/tokens/introspect", form, "token=%zz", true).statusCode()).isEqualTo(400);
    }

    /** The {@code mac:preimage} the client stored (its token file). */
    private String storedCredential() throws Exception {
        try (var files = Files.list(dir.resolve("tokens"))) {
            Path file = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            JsonNode t = JSON.readTree(Files.readString(file));
            return t.get("macaroon").asText() + ":" + t.get("preimage").asText();
        }
    }
}
