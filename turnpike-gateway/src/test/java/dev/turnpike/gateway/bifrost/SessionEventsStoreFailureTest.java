package dev.turnpike.gateway.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionId;
import dev.turnpike.gateway.config.BifrostConfig;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.server.Gateway;
import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.SessionStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A session's event stream when the store fails: it ends without claiming a state, never as "expired". */
class SessionEventsStoreFailureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private BifrostApi api;
    private Gateway gateway;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        api = new BifrostApi(new SessionService(store, BifrostConfig.defaults(true), Clock.systemUTC(), random), random);
        gateway = Gateway.builder(Pipeline.builder().routes(new RouteTable(List.of())))
                .listen(new InetSocketAddress("127.0.0.1", 0)).mount(api).build();
        base = URI.create("http://127.0.0.1:" + gateway.start().get(0).getPort());
    }

    @AfterEach
    void stop() {
        gateway.close();
        api.close();
    }

    @Test
    void aStoreOutageEndsTheStreamWithoutAnExpiredEvent() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"delegatedKey\":\"" + Ed25519KeyPair.generate(random).publicKey().toBase58()
                + "\",\"attributes\":{\"name\":\"Test Application\"}}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/auth"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode session = JSON.readTree(created.body());

        store.readsBeforeOutage.set(1); // the request's read passes, the opened stream's first read fails
        HttpResponse<String> events = http.send(HttpRequest.newBuilder(
                        base.resolve("/api/auth/" + session.get("session_id").asText() + "/events"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).doesNotContain("expired");
    }
}
