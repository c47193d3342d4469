package dev.turnpike.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.gateway.bifrost.BifrostApi;
import dev.turnpike.gateway.bifrost.SessionService;
import dev.turnpike.gateway.config.BifrostConfig;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.server.Gateway;
import dev.turnpike.store.Database;
import dev.turnpike.store.JdbcSessionStore;
import java.awt.image.BufferedImage;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bifrost session page in a real headless Chromium: what a person sees (the application's name marked
 * unverified, the permissions, the confirmation code, the QR code, the countdown), the state changing live when the
 * wallet approves, no external request and no script error, and a screenshot that is a real, non-blank picture
 * (kept in {@code target/session-page.png}).
 */
class SessionPageBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newHttpClient();
    private Database database;
    private BifrostApi api;
    private Gateway gateway;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        database = Database.sqlite(dir.resolve("turnpike.db"));
        api = new BifrostApi(new SessionService(new JdbcSessionStore(database), BifrostConfig.defaults(true),
                Clock.systemUTC(), random), random);
        gateway = Gateway.builder(Pipeline.builder().routes(new RouteTable(List.of())))
                .listen(new InetSocketAddress("127.0.0.1", 0)).mount(api).build();
        base = URI.create("http://127.0.0.1:" + gateway.start().get(0).getPort());
    }

    @AfterEach
    void stop() {
        gateway.close();
        api.close();
        database.close();
    }

    private JsonNode call(HttpRequest.Builder r, int status) throws Exception {
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    @Test
    void thePageShowsTheRequestAndFollowsTheApprovalLive() throws Exception {
        Ed25519KeyPair app = Ed25519KeyPair.generate(random);
        Ed25519KeyPair user = Ed25519KeyPair.generate(random);
        JsonNode opened = call(HttpRequest.newBuilder(base.resolve("/api/auth")).POST(HttpRequest.BodyPublishers
                .ofString(JSON.writeValueAsString(Map.of("delegatedKey", app.publicKey().toBase58(), "attributes",
                        Map.of("name", "Meter Dashboard <img src=x onerror=window.__injected=true>",
                                "permissions", Map.of("scopes", List.of("read:meter"))))))), 201);
        String id = opened.get("session_id").asText();
        Path screenshot = Path.of("target/session-page.png");
        Files.deleteIfExists(screenshot);

        try (HeadlessChromium browser = HeadlessChromium.open(opened.get("session_url").asText(), "approved",
                screenshot)) {
            JsonNode loaded = browser.next();
            assertThat(loaded.get("status").asInt()).isEqualTo(200);
            assertThat(loaded.get("name").asText()).isEqualTo("Meter Dashboard <img src=x onerror=window.__injected=true>");
            assertThat(loaded.get("scriptInjected").asBoolean()).as("the name is shown as text, never run").isFalse();
            assertThat(loaded.get("unverified").asText()).isEqualTo("unverified");
            assertThat(loaded.get("code").asText()).isEqualTo(opened.get("confirmation_code").asText());
            assertThat(loaded.get("permissions").asText()).contains("read:meter");
            assertThat(loaded.get("qrModules").asInt()).isGreaterThan(200);
            assertThat(loaded.get("state").asText()).isEqualTo("pending");
            assertThat(loaded.get("label").asText()).isEqualTo("Waiting for approval in the wallet");
            assertThat(loaded.get("countdown").asText()).matches("[23]:[0-5][0-9]");

            JsonNode shown = call(HttpRequest.newBuilder(base.resolve("/api/auth/" + id)), 200);
            Instant now = Instant.now();
            String token = DelegationToken.sign(user, app.publicKey(), Attributes.fromJson(shown.get("attributes")),
                    now, now.plus(Duration.ofHours(1)));
            call(HttpRequest.newBuilder(base.resolve("/api/auth/" + id)).POST(HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("token", token)))), 200);

            JsonNode changed = browser.next();
            assertThat(changed.get("label").asText()).isEqualTo("Approved in the wallet");
            assertThat(changed.get("problems")).as("console errors and external requests").isEmpty();
        }
        assertLooksLikeAPage(screenshot);
    }

    /** Loose screenshot check: a real PNG of the viewport's width, mostly light, with dark QR modules on it. */
    private static void assertLooksLikeAPage(Path screenshot) throws Exception {
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(480);
        assertThat(image.getHeight()).isGreaterThanOrEqualTo(600);
        long dark = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int grey = ((rgb >> 16) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
                if (grey < 60) {
                    dark++;
                }
            }
        }
        long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        assertThat(colours).as("not blank").hasSizeGreaterThan(20);
        assertThat(dark).as("QR modules and text").isBetween(sampled / 50, sampled / 2);
    }
}
