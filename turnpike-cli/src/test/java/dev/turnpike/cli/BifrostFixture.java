package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A gateway with the Bifrost bridge on, as {@code serve} assembles it (real SQLite file, loopback HTTP), a clock the
 * test moves, and the three parties: an application with its Ed25519 key, the wallet with the user's key, and HTTP.
 */
final class BifrostFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final SecureRandom random = new SecureRandom();
    final Ed25519KeyPair app = Ed25519KeyPair.generate(random);
    final Ed25519KeyPair user = Ed25519KeyPair.generate(random);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final GatewayConfig config;
    private GatewayRuntime runtime;
    URI base;

    BifrostFixture(Path dir, int port, String bifrostYaml) throws Exception {
        config = GatewayConfig.parse("""
                listen: 127.0.0.1:%d
                data_dir: %s
                admin:
                  enabled: false
                bifrost:
                  enabled: true
                %s
                services:
                  - name: open
                    match:
                      path: /open(/.*)?
                    upstream: http://127.0.0.1:9
                    auth: none
                """.formatted(port, dir.resolve("state"), bifrostYaml.indent(2).stripTrailing()), "test");
        start();
    }

    /** The fixture's settings with generous creation limits, so only the rate-limit test meets them. */
    static String generousLimits(String more) {
        return """
                rate_limits:
                  sessions_per_ip: {per_minute: 10000, burst: 10000}
                  sessions_per_key: {per_minute: 10000, burst: 10000}
                """ + more;
    }

    /** The gateway's meters as /metrics shows them. */
    String metrics() {
        return runtime.gateway().metrics().registry().scrape();
    }

    void start() throws Exception {
        runtime = GatewayRuntime.start(config, clock, random);
        base = runtime.bifrost().orElseThrow();
    }

    void restart() throws Exception {
        runtime.close();
        start();
    }

    @Override
    public void close() {
        runtime.close();
    }

    // ---------------------------------------------------------------- HTTP

    HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90));
    }

    HttpResponse<String> post(String path, Object body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path));
    }

    HttpResponse<String> getWithPollToken(String path, String pollToken) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + pollToken));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** The problem's {@code error} after checking status and media type. */
    static String error(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return json(r).get("error").asText();
    }

    // ---------------------------------------------------------------- the application

    /** A session as the application opened it. */
    record Opened(String id, String sessionUrl, String pollToken, String code, JsonNode body) {}

    Opened open(Map<String, ?> attributes) throws Exception {
        HttpResponse<String> r = post("/api/auth", Map.of("delegatedKey", app.publicKey().toBase58(),
                "attributes", attributes));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode b = json(r);
        return new Opened(b.get("session_id").asText(), b.get("session_url").asText(),
                b.path("poll_token").asText(null), b.path("confirmation_code").asText(null), b);
    }

    Opened open() throws Exception {
        return open(Map.of("name", "Test Application",
                "permissions", Map.of("scopes", java.util.List.of("read:meter", "write:site"))));
    }

    // ---------------------------------------------------------------- the wallet

    /** What the wallet reads before it signs: the session's attributes, nonce included. */
    Attributes attributesOf(String id) throws Exception {
        HttpResponse<String> r = get("/api/auth/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Attributes.fromJson(json(r).get("attributes"));
    }

    /** The wallet's token for the session, signed by the user's key with the core module's signer. */
    String sign(String id) throws Exception {
        return DelegationToken.sign(user, app.publicKey(), attributesOf(id), clock.instant(),
                clock.instant().plus(Duration.ofHours(12)));
    }

    String signFor(Ed25519PublicKey delegatedKey, Attributes attributes) {
        return DelegationToken.sign(user, delegatedKey, attributes, clock.instant(),
                clock.instant().plus(Duration.ofHours(12)));
    }

    HttpResponse<String> approve(String id, String token) throws Exception {
        return post("/api/auth/" + id, Map.of("token", token));
    }

    /** A token made by hand: any header, the given payload, signed (over the bytes as sent) by {@code signer}. */
    static String handMade(String headerJson, ObjectNode payload, Ed25519KeyPair signer) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(payload));
        String signature = signer == null ? "" : b64.encodeToString(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
        return input + "." + signature;
    }

    /** The payload of a compact JWS, to change and sign again. */
    static ObjectNode payloadOf(String compact) throws Exception {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(compact.split("\\.")[1]));
    }
}
