package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.lightning.node.PaymentLimits;
import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole log of a served gateway (its own process, JSON format): a paid request, a token revoked by the admin
 * API and refused, a delegated request with its DPoP proof each leave an access line, the revocation an event, and
 * none of the credentials used (macaroon, preimage, delegated token, proof, dev wallet key, admin secret) appears
 * anywhere in it. Its /metrics, scraped over HTTP, counts the payment and its revenue once, and the delegated request.
 */
class ServeLogsAndMetricsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void theLogHasALinePerRequestAndNoCredential() throws Exception {
        try (SampleQuotesApi upstream = new SampleQuotesApi()) {
            Path config = dir.resolve("turnpike.yaml");
            Files.writeString(config, """
                    listen: 127.0.0.1:0
                    data_dir: %s
                    admin:
                      listen: 127.0.0.1:0
                    services:
                      - name: energy
                        match:
                          path: /quotes/energy(/.*)?
                        upstream: http://127.0.0.1:%d
                        auth: bifrost
                        rules:
                          - {method: GET, path: '/quotes/energy/sites/{site}/meters', scope: read:meter}
                      - name: quotes
                        match:
                          path: /quotes(/.*)?
                        upstream: http://127.0.0.1:%d
                        price_sats: 21
                    """.formatted(dir.resolve("state"), upstream.port(), upstream.port()));
            Process serve = TurnpikeProcesses.start(dir, List.of("serve", "--config", config.toString(),
                    "--log-format", "json"));
            List<String> secrets = new ArrayList<>();
            String revokedId;
            StringBuilder log = new StringBuilder();
            BufferedReader out = TurnpikeProcesses.lines(serve);
            try {
                String base = "http://" + TurnpikeProcesses.readUntil(out, "listening: ", log);
                String admin = TurnpikeProcesses.readUntil(out, "admin: ", log).split(" ")[0];
                String api = TurnpikeProcesses.readUntil(out, "wallet-api: ", log);
                String key = TurnpikeProcesses.readUntil(out, "wallet-key: ", log);
                String secret = Files.readString(dir.resolve("state/admin.secret")).strip();
                secrets.addAll(List.of(key, secret));

                HttpResponse<String> challenge = get(base + "/quotes/today");
                assertThat(challenge.statusCode()).isEqualTo(402);
                Challenge c = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(
                        challenge.headers().allValues("www-authenticate"))).value();
                Preimage preimage = Preimage.of(LnbitsPayer.builder(URI.create(api), key).build()
                        .pay(c.invoice(), new PaymentLimits(100_000, 0)).preimage().bytes());
                String authorization = L402Headers.authorizationValue(new Credential(c.macaroon(), preimage));
                TokenId id = L402Identifier.decode(c.macaroon().identifier()).tokenId();
                revokedId = id.toHex();
                secrets.addAll(List.of(authorization.substring("L402 ".length()), preimage.toHex()));
                assertThat(get(base + "/quotes/today", "Authorization", authorization).statusCode()).isEqualTo(200);

                HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(URI.create(admin + "/api/tokens/"
                                + id.toHex() + "/revoke")).header("Authorization", "Bearer " + secret)
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
                assertThat(get(base + "/quotes/again", "Authorization", authorization).statusCode()).isEqualTo(402);

                Ed25519KeyPair wallet = Ed25519KeyPair.generate(random);
                Ed25519KeyPair app = Ed25519KeyPair.generate(random);
                Instant now = Instant.now();
                String token = DelegationToken.sign(wallet, app.publicKey(), Attributes.empty().withPermissions(
                        Permissions.parse("{\"scopes\":[\"read:meter\"]}")), now, now.plus(Duration.ofMinutes(10)));
                String path = "/quotes/energy/sites/site-1/meters";
                String proof = PopProof.createDpop(app, "GET", base + path, token, now, random);
                secrets.addAll(List.of(token, proof));
                HttpResponse<String> delegated = get(base + path, "Authorization", "DPoP " + token, "DPoP", proof);
                // admitted: the sample upstream itself answers, knowing no such quote
                assertThat(delegated.statusCode()).as(delegated.body()).isEqualTo(404);
                assertThat(delegated.body()).contains("no such quote");

                String metrics = awaitMetric(admin, secret, "turnpike_payments_total{service=\"quotes\"} 1.0");
                assertThat(metrics).contains("turnpike_revenue_sat_total{service=\"quotes\"} 21.0",
                        "turnpike_payments_total{service=\"energy\"} 0.0",
                        "turnpike_delegations_verified_total{reason=\"valid\",service=\"energy\"} 1.0",
                        "turnpike_access_log_dropped_total 0.0");

                List<JsonNode> access = awaitAccessLines(out, log, 5);
                assertThat(access).extracting(a -> a.get("status").asInt() + " " + a.get("path").asText() + " "
                        + a.path("auth").asText() + " " + a.path("reason").asText()).containsExactly(
                        "402 /quotes/today refused no_token",
                        "200 /quotes/today paid ",
                        "200 /api/tokens/" + id.toHex() + "/revoke  ",
                        "402 /quotes/again refused revoked",
                        "404 " + path + " delegated ");
                assertThat(access.get(1).get("token_id").asText()).isEqualTo(id.toHex());
                assertThat(access.get(4).get("wallet").asText()).isEqualTo(wallet.publicKey().toBase58());
                serve.toHandle().destroy(); // SIGTERM, the streams left open: the log to its end is read below
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    log.append(line).append('\n');
                }
            } finally {
                serve.destroy();
                assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            // the log lines (JSON), not serve's own output on stdout, which shows the dev wallet key on purpose
            String logLines = String.join("\n", log.toString().lines().filter(l -> l.startsWith("{")).toList());
            assertThat(logLines).contains("\"logger\":\"turnpike.access\"");
            assertThat(logLines).contains("\"logger\":\"turnpike.event.revocation\",\"thread\"",
                    "\"message\":\"token revoked by admin\",\"token_id\":\"" + revokedId + "\",\"by\":\"admin\"}");
            for (String secret : secrets) {
                assertThat(logLines).doesNotContain(secret);
            }
        }
    }

    /** The admin listener's /metrics once it shows {@code line} (the books record a payment off the request path). */
    private String awaitMetric(String admin, String secret, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String metrics = get(admin + "/metrics", "Authorization", "Bearer " + secret).body();
            if (metrics.contains(line) || System.nanoTime() > deadline) {
                assertThat(metrics).contains(line);
                return metrics;
            }
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Reads the process's output until it has shown {@code n} access lines (JSON, logger turnpike.access) of the
     * gateway's services and admin API; the dev wallet's (paying, polling) are left out.
     */
    private static List<JsonNode> awaitAccessLines(BufferedReader out, StringBuilder log, int n) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        while (lines.size() < n) {
            String line = out.readLine();
            assertThat(line).as("the output ended before %d access lines:%n%s", n, log).isNotNull();
            log.append(line).append('\n');
            if (line.startsWith("{")) {
                JsonNode event = JSON.readTree(line);
                if (event.path("logger").asText().equals("turnpike.access")
                        && !event.path("path").asText().startsWith("/devwallet/")) {
                    lines.add(event);
                }
            }
        }
        return lines;
    }
}
