package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.RenewCertificate;
import dev.turnpike.bifrost.RenewToken;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.gateway.bifrost.BridgeKey;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.store.api.DelegationRevocation;
import dev.turnpike.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge's signing key, what it publishes ({@code /.well-known/bifrost-configuration}, the JWKS), and renewal
 * over loopback HTTP: a certificate from {@code POST /api/renew}, a renew token accepted at an {@code auth: bifrost}
 * service in place of the token, past the token's own expiration, and each refusal.
 */
class BridgeRenewalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRANT = "{\"scopes\":[\"read:meter\"],\"resources\":{\"sites\":[\"site-1\"]},"
            + "\"expires_in\":3600}";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final SecureRandom random = new SecureRandom();
    private final Ed25519KeyPair wallet = Ed25519KeyPair.generate(random);
    private final Ed25519KeyPair app = Ed25519KeyPair.generate(random);
    private final Ed25519KeyPair otherBridge = Ed25519KeyPair.generate(random);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SampleEnergyApi energy;
    private GatewayConfig config;
    private GatewayRuntime runtime;
    private String base;

    @BeforeEach
    void start() throws Exception {
        energy = new SampleEnergyApi();
        config = GatewayConfig.parse("""
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  enabled: false
                bifrost:
                  enabled: true
                  renewal: {certificate_lifetime: 10m, max_horizon: 7d}
                services:
                  - name: partner
                    match:
                      path: /energy/sites/site-2(/.*)?
                    upstream: http://127.0.0.1:%d
                    auth: bifrost
                    bridges: [%s]
                    rules:
                      - {method: GET, path: '/energy/sites/{site}/meters', scope: read:meter}
                  - name: energy
                    match:
                      path: /energy(/.*)?
                    upstream: http://127.0.0.1:%d
                    auth: bifrost
                    rules:
                      - {method: GET, path: '/energy/sites/{site}/meters', scope: read:meter, resources: {site: sites}}
                """.formatted(dir.resolve("state"), energy.port(), otherBridge.publicKey().toBase58(),
                energy.port()), "test");
        open();
    }

    private void open() throws Exception {
        runtime = GatewayRuntime.start(config, clock, random);
        base = "http://" + GatewayRuntime.hostPort(runtime.listening().get(0));
    }

    @AfterEach
    void stop() {
        runtime.close();
        energy.close();
    }

    private Path keyFile() {
        return dir.resolve("state").resolve(BridgeKey.FILE_NAME);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request with {@code Authorization: DPoP <credential>} and a fresh proof for it. */
    private HttpResponse<String> withProof(String method, String path, String credential) throws Exception {
        String proof = PopProof.createDpop(app, method, base + path, credential, clock.instant(), random);
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "DPoP " + credential).header("DPoP", proof)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String grant, Duration lifetime) throws Exception {
        Attributes attributes = Attributes.empty().withName("Meter dashboard").withPermissions(Permissions.parse(grant))
                .withFreshNonce(random);
        return DelegationToken.sign(wallet, app.publicKey(), attributes, clock.instant(),
                clock.instant().plus(lifetime));
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** The problem's {@code error} (bridge) or {@code reason} (gateway) after checking the status. */
    private static String refusal(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = json(r);
        return body.has("error") ? body.get("error").asText() : body.get("reason").asText();
    }

    private String renew(String token) throws Exception {
        HttpResponse<String> r = withProof("POST", "/api/renew", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("cert").asText();
    }

    // ---------------------------------------------------------------- the key and what the bridge publishes

    @Test
    void theSigningKeyIsMadeOnceOwnerOnlyKeptOverARestartAndServedAsAJwks() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
        JsonNode key = json(get("/.well-known/jwks.json")).get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("OKP");
        assertThat(key.get("crv").asText()).isEqualTo("Ed25519");
        String kid = key.get("kid").asText();
        assertThat(Base64.getUrlDecoder().decode(key.get("x").asText()))
                .isEqualTo(dev.turnpike.bifrost.crypto.Ed25519PublicKey.fromBase58(kid).toBytes());
        assertThat(key.has("d")).isFalse();

        runtime.close();
        open();
        assertThat(json(get("/.well-known/jwks.json")).get("keys").get(0).get("kid").asText()).isEqualTo(kid);
    }

    @Test
    void aKeyFileOpenToOtherUsersIsRefusedAtStart() throws Exception {
        runtime.close();
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("open to other users")
                .hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-------"));
        open();
    }

    @Test
    void theWellKnownConfigurationNamesTheEndpointsLimitsAndAlgorithms() throws Exception {
        HttpResponse<String> r = get("/.well-known/bifrost-configuration");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode c = json(r);
        String kid = json(get("/.well-known/jwks.json")).get("keys").get(0).get("kid").asText();
        assertThat(c.get("issuer").asText()).isEqualTo(base);
        assertThat(c.get("bridge_key").asText()).isEqualTo(kid);
        assertThat(c.get("jwks_uri").asText()).isEqualTo(base + "/.well-known/jwks.json");
        assertThat(c.get("sessions_endpoint").asText()).isEqualTo(base + "/api/auth");
        assertThat(c.get("renewal_endpoint").asText()).isEqualTo(base + "/api/renew");
        assertThat(c.get("revocation_endpoint").asText()).isEqualTo(base + "/api/revocations");
        assertThat(c.get("session_ttl").asLong()).isEqualTo(180);
        assertThat(c.get("max_token_lifetime").asLong()).isEqualTo(12 * 3600);
        assertThat(c.get("token_signing_alg_values_supported").toString()).isEqualTo("[\"Ed25519\",\"EdDSA\"]");
        assertThat(c.get("dpop_signing_alg_values_supported").toString()).isEqualTo("[\"Ed25519\",\"EdDSA\"]");
        assertThat(c.get("renewal").get("certificate_lifetime").asLong()).isEqualTo(600);
        assertThat(c.get("renewal").get("max_horizon").asLong()).isEqualTo(7 * 86400);
        assertThat(c.has("scopes_supported")).as("no scope registry configured").isFalse();
    }

    // ---------------------------------------------------------------- renewal

    @Test
    void aRenewTokenReachesTheApiPastTheTokensExpirationUntilTheGrantEnds() throws Exception {
        String token = token(GRANT, Duration.ofMinutes(5));
        String renew = RenewToken.sign(app, renew(token));
        HttpResponse<String> meters = withProof("GET", "/energy/sites/site-1/meters", renew);
        assertThat(meters.statusCode()).as(meters.body()).isEqualTo(200);
        assertThat(meters.body()).contains("\"wallet\": \"" + wallet.publicKey().toBase58() + "\"");
        assertThat(refusal(withProof("GET", "/energy/sites/site-3/meters", renew), 403))
                .as("the grant is the token's").isEqualTo("resource_not_granted");

        clock.advance(Duration.ofMinutes(20)); // the token expired 15 minutes ago, the certificate 10 minutes ago
        assertThat(refusal(withProof("GET", "/energy/sites/site-1/meters", token), 401)).isEqualTo("expired");
        assertThat(refusal(withProof("GET", "/energy/sites/site-1/meters", renew), 401))
                .isEqualTo("certificate_expired");
        String renewed = RenewToken.sign(app, renew(token));
        assertThat(withProof("GET", "/energy/sites/site-1/meters", renewed).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(40)); // created + expires_in (1 h): the grant has ended
        assertThat(refusal(withProof("POST", "/api/renew", token), 401)).isEqualTo("beyond_renewal_horizon");
    }

    @Test
    void theBridgeRenewsOnlyForTheHolderOfTheDelegatedKey() throws Exception {
        String token = token(GRANT, Duration.ofMinutes(5));
        HttpResponse<String> bare = http.send(HttpRequest.newBuilder(URI.create(base + "/api/renew"))
                .header("Authorization", "DPoP " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refusal(bare, 401)).isEqualTo("credential_required");
        String wrongUrl = PopProof.createDpop(app, "POST", base + "/api/auth", token, clock.instant(), random);
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(base + "/api/renew"))
                .header("Authorization", "DPoP " + token).header("DPoP", wrongUrl)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refusal(elsewhere, 401)).isEqualTo("proof_wrong_url");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(86);
        assertThat(refusal(withProof("POST", "/api/renew", tampered), 401)).isEqualTo("bad_signature");
    }

    @Test
    void aTokenWithoutExpiresInIsNotRenewedPastItsExpiration() throws Exception {
        String token = token("{\"scopes\":[\"read:meter\"],\"resources\":{\"sites\":[\"site-1\"]}}",
                Duration.ofMinutes(5));
        assertThat(renew(token)).isNotEmpty();
        clock.advance(Duration.ofMinutes(6));
        assertThat(refusal(withProof("POST", "/api/renew", token), 401)).isEqualTo("beyond_renewal_horizon");
    }

    @Test
    void aCertificateOfAnotherBridgeIsTakenOnlyWhereTheServiceTrustsThatBridge() throws Exception {
        String token = token(GRANT, Duration.ofMinutes(5));
        String cert = RenewCertificate.sign(otherBridge, token, nonce(token), clock.instant(),
                clock.instant().plus(Duration.ofMinutes(10)));
        String renew = RenewToken.sign(app, cert);
        assertThat(refusal(withProof("GET", "/energy/sites/site-1/meters", renew), 401)).isEqualTo("untrusted_bridge");
        assertThat(withProof("GET", "/energy/sites/site-2/meters", renew).statusCode()).as("at the partner service")
                .isEqualTo(200);
    }

    @Test
    void aRenewTokenSignedByAnotherKeyIsRefusedAtTheApi() throws Exception {
        String token = token(GRANT, Duration.ofMinutes(5));
        String renew = RenewToken.sign(otherBridge, renew(token));
        assertThat(refusal(withProof("GET", "/energy/sites/site-1/meters", renew), 401))
                .isEqualTo("renew_bad_signature");
    }

    @Test
    void onceTheTokenIsRevokedTheBridgeSignsNoCertificateAndTheApiRefusesItsRenewTokenEvenCached() throws Exception {
        String token = token(GRANT, Duration.ofMinutes(5));
        String renew = RenewToken.sign(app, renew(token));
        for (int i = 0; i < 2; i++) {
            assertThat(withProof("GET", "/energy/sites/site-1/meters", renew).statusCode()).isEqualTo(200);
        }
        runtime.delegationRevocations().revoke(new DelegationRevocation(TokenHash.of(token),
                Optional.of(wallet.publicKey()), clock.instant(), Optional.empty()));

        assertThat(refusal(withProof("GET", "/energy/sites/site-1/meters", renew), 401)).isEqualTo("revoked");
        assertThat(refusal(withProof("POST", "/api/renew", token), 401)).isEqualTo("revoked");
        String fresh = RenewCertificate.sign(otherBridge, token, nonce(token), clock.instant(),
                clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(refusal(withProof("GET", "/energy/sites/site-2/meters", RenewToken.sign(app, fresh)), 401))
                .as("not cached yet").isEqualTo("revoked");
    }

    private static String nonce(String token) throws IOException {
        String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
        return JSON.readTree(Base64.getUrlDecoder().decode(payload)).get("attributes").get("nonce").asText();
    }
}
