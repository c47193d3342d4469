package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.nodes.fake.FakeLnd;
import dev.turnpike.store.testing.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's fault: one of three gateways ({@code serve} processes of their own on one throwaway PostgreSQL, in
 * front of one lnd — a contract fake of lnd's REST API, {@link FakeLnd}, in this JVM, so an invoice outlives the
 * gateway that asked for it) is killed with {@code kill -9} in the middle of an L402 payment or a Bifrost login.
 * The flow completes through the survivors, by themselves, with no restart: no token is lost, a revoked one is
 * refused everywhere, and the Bifrost token is still handed over exactly once.
 */
class PostgresKillNineTest {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> open = new ArrayList<>();
    private FakeLnd lnd;
    private ServedProcess a;
    private ServedProcess b;
    private ServedProcess c;

    @BeforeEach
    void start() throws Exception {
        lnd = new FakeLnd(Files.createDirectories(dir.resolve("lnd")), Network.REGTEST);
        open.add(lnd);
        SampleQuotesApi quotes = new SampleQuotesApi();
        open.add(quotes);
        SampleEnergyApi energy = new SampleEnergyApi();
        open.add(energy);
        Path password = dir.resolve("db.password");
        Files.writeString(password, PG.password() + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        List<Process> launched = new ArrayList<>(); // all three start at once, then each is awaited
        for (String name : List.of("a", "b", "c")) {
            launched.add(launch(name, password, quotes.port(), energy.port()));
        }
        a = await(launched.get(0), "a");
        b = await(launched.get(1), "b");
        c = await(launched.get(2), "c");
        assertThat(lnd.awaitSubscribers(3, Duration.ofSeconds(20))).as("every gateway follows lnd's invoices").isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable o : open.reversed()) {
            o.close();
        }
        http.close();
    }

    private Process launch(String name, Path password, int quotes, int energy) throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                bifrost:
                  enabled: true
                store:
                  backend: postgres
                  url: %s
                  user: %s
                  password_file: %s
                  pool_size: 2
                lightning:
                  backend: lnd
                  network: regtest
                  lnd:
                    host: %s
                    tls_cert: %s
                    macaroon: %s
                services:
                  - name: quotes
                    match:
                      path: /quotes(/.*)?
                    upstream: http://127.0.0.1:%d
                    price_sats: 21
                  - name: energy
                    match:
                      path: /energy(/.*)?
                    upstream: http://127.0.0.1:%d
                    auth: bifrost
                    pop: off
                    rules:
                      - {method: GET, path: '/energy/sites/{site}/meters', scope: read:meter}
                """.formatted(dir.resolve(name), PG.url(), PG.user(), password, lnd.address(),
                lnd.certificateFile(), lnd.macaroonFile(), quotes, energy));
        Process p = ServedProcess.launch(dir, config);
        open.add(p::destroyForcibly); // if awaiting it fails; else the gateway closes it first
        return p;
    }

    private ServedProcess await(Process launched, String name) throws IOException {
        ServedProcess g = ServedProcess.await(launched, dir.resolve(name));
        open.add(g);
        return g;
    }

    /**
     * A hands out a challenge, more are being minted on it when it is killed (each one it sent is in the shared
     * books); the client pays A's invoice at the node afterwards and presents the token to B: accepted, accepted
     * by C, and
     * once revoked through B refused by both.
     */
    @Test
    void anL402PaymentStartedOnAKilledGatewayCompletesThroughTheOthers() throws Exception {
        Challenge challenge = challengeFrom(a);
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inFlight.add(http.sendAsync(get(a.proxy("/quotes/today")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        a.kill9();
        List<Challenge> sent = new ArrayList<>(List.of(challenge));
        for (CompletableFuture<HttpResponse<String>> f : inFlight) {
            HttpResponse<String> r = f.handle((answer, cut) -> answer).get(30, TimeUnit.SECONDS); // or cut: no hang
            if (r != null && r.statusCode() == 402) {
                sent.add(challenge(r));
            }
        }

        String token = pay(challenge);
        assertThat(status(b, token)).as("paid on A's invoice, presented to B").isEqualTo(200);
        for (Challenge each : sent) { // booked before it was sent, so none is lost with A
            bookedIn(b, Bolt11Invoice.decode(each.invoice()).paymentHash());
        }
        JsonNode booked = bookedIn(b, Bolt11Invoice.decode(challenge.invoice()).paymentHash());
        assertThat(settledWithin(b, booked.get("token_id").asText()))
                .as("paid after A died, so no node told a gateway: booked paid when B verified it").isTrue();
        assertThat(status(c, token)).isEqualTo(200);
        assertThat(status(b, token)).as("still valid: an L402 token is reused until it expires").isEqualTo(200);
        assertThat(challengeFrom(b).invoice()).as("B mints after whatever A left half-done").isNotNull();

        assertThat(send(b, admin(b, "/api/tokens/" + booked.get("token_id").asText() + "/revoke")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(status(b, token)).as("revoked, on B: a new challenge").isEqualTo(402);
        assertThat(statusWithin(c, token, 402)).as("revoked, on C").isEqualTo(402);
    }

    /**
     * The application opens a session on A and follows it there (its event stream); A is killed. The wallet reads and approves
     * the session through B, the application reads the token on C (once: a second read is refused, on any
     * gateway) and calls B's API with it.
     */
    @Test
    void aBifrostLoginOpenedOnAKilledGatewayIsApprovedAndHandedOverOnceByTheOthers() throws Exception {
        SecureRandom random = new SecureRandom();
        Ed25519KeyPair app = Ed25519KeyPair.generate(random);
        HttpResponse<String> created = send(a, post(a.bridge(""), Map.of("delegatedKey", app.publicKey().toBase58(),
                "attributes", Map.of("name", "Meter reader", "permissions", Map.of("scopes", List.of("read:meter"))))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("session_id").asText();
        String pollToken = JSON.readTree(created.body()).get("poll_token").asText();
        Iterator<String> events = http.send(get(a.bridge("/" + id + "/events")).build(),
                HttpResponse.BodyHandlers.ofLines()).body().iterator();
        assertThat(BifrostBridgeTest.nextEvent(events)).as("A follows the session for the app").contains("\"state\":\"pending\"");
        a.kill9();
        assertThat(rest(events)).as("A's event stream is cut, nothing more told").noneMatch(l -> l.startsWith("data:"));

        Attributes asked = Attributes.fromJson(JSON.readTree(send(b, get(b.bridge("/" + id))).body()).get("attributes"));
        Instant now = Instant.now();
        String signed = DelegationToken.sign(Ed25519KeyPair.generate(random), app.publicKey(), asked, now,
                now.plus(Duration.ofHours(1)));
        HttpResponse<String> approved = send(b, post(b.bridge("/" + id), Map.of("token", signed)));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        HttpResponse<String> read = send(c, withPollToken(c.bridge("/" + id), pollToken));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("token").asText()).isEqualTo(signed);
        for (ServedProcess again : List.of(c, b)) {
            HttpResponse<String> second = send(again, withPollToken(again.bridge("/" + id), pollToken));
            assertThat(second.statusCode()).as("a second read").isEqualTo(410);
            assertThat(second.body()).contains("token_already_retrieved");
        }

        HttpResponse<String> meters = send(b, get(b.proxy("/energy/sites/site-1/meters"))
                .header("Authorization", "DPoP " + signed));
        assertThat(meters.statusCode()).as(meters.body()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- L402

    private Challenge challengeFrom(ServedProcess g) throws Exception {
        HttpResponse<String> r = send(g, get(g.proxy("/quotes/today")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(402);
        return challenge(r);
    }

    private static Challenge challenge(HttpResponse<String> r) {
        return ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(r.headers().allValues("www-authenticate")))
                .value();
    }

    /** The client pays the challenge's invoice at the node; returns the token as it sends it. */
    private String pay(Challenge challenge) throws Exception {
        PaymentHash hash = Bolt11Invoice.decode(challenge.invoice()).paymentHash();
        assertThat(lnd.settle(hash)).isTrue();
        Preimage preimage = Preimage.of(lnd.invoices().get(hash).orElseThrow().preimage().bytes());
        return L402Headers.authorizationValue(new Credential(challenge.macaroon(), preimage));
    }

    private int status(ServedProcess g, String token) throws Exception {
        return send(g, get(g.proxy("/quotes/today")).header("Authorization", token)).statusCode();
    }

    /** The status {@code g} answers the token, asked every 100 ms until it is {@code wanted} or 10 s have passed. */
    private int statusWithin(ServedProcess g, String token, int wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status = status(g, token);
        while (status != wanted && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = status(g, token);
        }
        return status;
    }

    /** The token of {@code hash} in {@code g}'s books: minted by A, it is in the shared ledger. */
    private JsonNode bookedIn(ServedProcess g, PaymentHash hash) throws Exception {
        for (JsonNode t : JSON.readTree(send(g, admin(g, "/api/tokens")).body()).get("tokens")) {
            if (t.get("payment_hash").asText().equals(hash.toHex())) {
                return t;
            }
        }
        throw new AssertionError("no token paid by " + hash.toHex() + " in the books");
    }

    /** Whether the books on {@code g} show the token settled within 10 s (they are written off the event loop). */
    private boolean settledWithin(ServedProcess g, String tokenId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            JsonNode token = JSON.readTree(send(g, admin(g, "/api/tokens/" + tokenId)).body());
            if (!token.path("settled_at").isNull() && !token.path("settled_at").isMissingNode()) {
                return true;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return false;
    }

    // ---------------------------------------------------------------- HTTP

    /** The lines left in a stream, up to its end or to its connection breaking. */
    private static List<String> rest(Iterator<String> lines) {
        List<String> rest = new ArrayList<>();
        try {
            lines.forEachRemaining(rest::add);
        } catch (UncheckedIOException e) {
            rest.add("(cut: " + e.getMessage() + ")");
        }
        return rest;
    }

    private HttpResponse<String> send(ServedProcess g, HttpRequest.Builder r) throws Exception {
        try {
            return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e + "; the gateway printed:\n" + g.output(), e);
        }
    }

    private static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder withPollToken(URI uri, String pollToken) {
        return get(uri).header("Authorization", "Bearer " + pollToken);
    }

    private static HttpRequest.Builder post(URI uri, Object body) throws Exception {
        return get(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static HttpRequest.Builder admin(ServedProcess g, String path) {
        return get(g.admin(path)).header("Authorization", g.adminBearer());
    }
}
