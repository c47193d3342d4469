package dev.turnpike.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.gateway.bifrost.AppCredential;
import dev.turnpike.gateway.bifrost.BifrostApi;
import dev.turnpike.gateway.bifrost.ClientInfo;
import dev.turnpike.gateway.bifrost.SessionService;
import dev.turnpike.gateway.config.BifrostConfig;
import dev.turnpike.gateway.config.RateLimits;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.server.Gateway;
import dev.turnpike.store.Database;
import dev.turnpike.store.JdbcSessionStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full Bifrost session cycles on SQLite (WAL), one per operation: the application opens a session, the wallet signs
 * the delegation token (Ed25519, BouncyCastle) over the session's attributes, the bridge verifies and approves it,
 * and the application fetches it with its poll token (the session consumed). {@code cycle} goes through the
 * {@link SessionService}; {@code cycleOverHttp} through a running gateway on loopback (four HTTP/1.1 calls on one
 * keep-alive connection: open, the wallet's read, approve, fetch). Creation rate limits are off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class BifrostSessionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClientInfo CLIENT = new ClientInfo(InetAddress.getLoopbackAddress(), "bench");
    private static final String ATTRIBUTES = "{\"name\":\"Bench App\",\"permissions\":{\"scopes\":[\"read:meter\"]}}";

    private final SecureRandom random = new SecureRandom();
    private final Ed25519KeyPair app = Ed25519KeyPair.generate(random);
    private final Ed25519KeyPair user = Ed25519KeyPair.generate(random);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path dir;
    private Database database;
    private SessionService service;
    private BifrostApi api;
    private Gateway gateway;
    private URI base;
    private JsonNode attributes;
    private String openBody;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("bifrost-bench");
        database = Database.sqlite(dir.resolve("turnpike.db"));
        RateLimits.RateLimit off = new RateLimits.RateLimit(false, 1, Duration.ofMinutes(1), 1);
        BifrostConfig config = BifrostConfig.defaults(true).withRateLimits(new RateLimits.IpRateLimit(off, 24, 48), off);
        service = new SessionService(new JdbcSessionStore(database), config, Clock.systemUTC(), random);
        api = new BifrostApi(service, random);
        gateway = Gateway.builder(Pipeline.builder().routes(new RouteTable(List.of())))
                .listen(new InetSocketAddress("127.0.0.1", 0)).mount(api).build();
        base = URI.create("http://127.0.0.1:" + gateway.start().get(0).getPort());
        attributes = JSON.readTree(ATTRIBUTES);
        openBody = JSON.createObjectNode().put("delegatedKey", app.publicKey().toBase58())
                .set("attributes", attributes).toString();
    }

    @TearDown
    public void tearDown() throws Exception {
        gateway.close();
        api.close();
        database.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public String cycle() throws Exception {
        Session.Opened opened = service.open(app.publicKey().toBase58(), attributes, CLIENT);
        String id = opened.session().id().text();
        Instant now = Instant.now();
        String token = DelegationToken.sign(user, app.publicKey(), opened.session().request().attributes(), now,
                now.plus(Duration.ofHours(1)));
        service.approve(id, token, CLIENT);
        Session approved = service.find(id);
        service.authenticateApp(approved, new AppCredential.Bearer(opened.pollToken().reveal()), "GET", base + "/", CLIENT);
        return service.handOver(approved, CLIENT).token();
    }

    @Benchmark
    public String cycleOverHttp() throws Exception {
        JsonNode opened = JSON.readTree(send(HttpRequest.newBuilder(base.resolve("/api/auth"))
                .POST(HttpRequest.BodyPublishers.ofString(openBody)), 201));
        String session = "/api/auth/" + opened.get("session_id").asText();
        Attributes asked = Attributes.fromJson(JSON.readTree(send(HttpRequest.newBuilder(base.resolve(session)), 200))
                .get("attributes"));
        Instant now = Instant.now();
        String token = DelegationToken.sign(user, app.publicKey(), asked, now, now.plus(Duration.ofHours(1)));
        send(HttpRequest.newBuilder(base.resolve(session)).POST(HttpRequest.BodyPublishers.ofString(
                JSON.createObjectNode().put("token", token).toString())), 200);
        return send(HttpRequest.newBuilder(base.resolve(session))
                .header("Authorization", "Bearer " + opened.get("poll_token").asText()), 200);
    }

    private String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
