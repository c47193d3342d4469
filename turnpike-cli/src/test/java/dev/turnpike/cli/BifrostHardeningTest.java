package dev.turnpike.cli;

import static dev.turnpike.cli.BifrostFixture.error;
import static dev.turnpike.cli.BifrostFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.bifrost.PopProof;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bridge's answers to the security review (issue 15, findings 1, 2, 3 and 5), over real loopback HTTP: held
 * requests capped per session and per network with places reserved for the application, attributes the wallet
 * cannot show refused, cancelling only by the application, and request bodies read strictly.
 */
class BifrostHardeningTest {

    @TempDir
    Path dir;

    private BifrostFixture f;
    private final List<InputStream> streams = new ArrayList<>();

    private void start(String more) throws Exception {
        f = new BifrostFixture(dir, 0, BifrostFixture.generousLimits(more));
    }

    @AfterEach
    void stop() throws Exception {
        for (InputStream s : streams) {
            s.close();
        }
        if (f != null) {
            f.close();
        }
    }

    /** Opens the session's event stream without a credential: the status, the stream kept open until the end. */
    private int anonymousStream(String id) throws Exception {
        HttpResponse<InputStream> r = f.http.send(f.request("/api/auth/" + id + "/events").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        streams.add(r.body());
        return r.statusCode();
    }

    /** A long-poll with the poll token, answered once the wallet approves. */
    private CompletableFuture<HttpResponse<String>> longPoll(BifrostFixture.Opened s) {
        return f.http.sendAsync(f.request("/api/auth/" + s.id() + "?wait=60")
                .header("Authorization", "Bearer " + s.pollToken()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The long-poll is held (not refused) and hands the token over when the wallet approves. */
    private void assertHeldThenAnswered(BifrostFixture.Opened s) throws Exception {
        CompletableFuture<HttpResponse<String>> polling = longPoll(s);
        Thread.sleep(300);
        assertThat(polling).as("held, not refused").isNotDone();
        String token = f.sign(s.id());
        assertThat(f.approve(s.id(), token).statusCode()).isEqualTo(200);
        HttpResponse<String> answered = polling.get(30, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(json(answered).get("token").asText()).isEqualTo(token);
    }

    // ---------------------------------------------------------------- finding 1: held requests

    @Test
    void aLongPollNeedsTheApplicationsCredential() throws Exception {
        start("");
        BifrostFixture.Opened s = f.open();
        HttpResponse<String> anonymous = f.get("/api/auth/" + s.id() + "?wait=30");
        assertThat(error(anonymous, 401)).isEqualTo("credential_required");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void anonymousStreamsOnOneSessionAreCappedAndTheApplicationStillWaits() throws Exception {
        start("");
        BifrostFixture.Opened s = f.open();
        for (int i = 0; i < 4; i++) {
            assertThat(anonymousStream(s.id())).isEqualTo(200);
        }
        HttpResponse<String> fifth = f.get("/api/auth/" + s.id() + "/events");
        assertThat(fifth.statusCode()).as(fifth.body()).isEqualTo(429);
        assertThat(fifth.headers().firstValue("Retry-After")).hasValue("1");
        assertHeldThenAnswered(s);
    }

    @Test
    void anonymousStreamsCannotTakeThePlacesReservedForApplications() throws Exception {
        start("held_requests: {max: 6, reserved_for_authenticated: 2, per_client_network: 100, per_session: 100}\n");
        BifrostFixture.Opened target = f.open();
        BifrostFixture.Opened victim = f.open();
        for (int i = 0; i < 4; i++) {
            assertThat(anonymousStream(target.id())).isEqualTo(200);
        }
        HttpResponse<String> fifth = f.get("/api/auth/" + victim.id() + "/events");
        assertThat(fifth.statusCode()).as(fifth.body()).isEqualTo(503);
        assertHeldThenAnswered(victim);
    }

    @Test
    void heldRequestsAreCappedPerClientNetworkEachKindApart() throws Exception {
        start("held_requests: {per_client_network: 2}\n");
        List<BifrostFixture.Opened> sessions = List.of(f.open(), f.open(), f.open());
        assertThat(anonymousStream(sessions.get(0).id())).isEqualTo(200);
        assertThat(anonymousStream(sessions.get(1).id())).isEqualTo(200);
        HttpResponse<String> third = f.get("/api/auth/" + sessions.get(2).id() + "/events");
        assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
        assertThat(json(third).get("detail").asText()).contains("network");
        assertHeldThenAnswered(sessions.get(2));
    }

    @Test
    void anEventStreamWithTheCredentialIsTheApplicationsAndAWrongOneIsRefused() throws Exception {
        start("held_requests: {per_session: 1}\n");
        BifrostFixture.Opened s = f.open();
        assertThat(anonymousStream(s.id())).isEqualTo(200);
        HttpResponse<InputStream> authenticated = f.http.send(f.request("/api/auth/" + s.id() + "/events")
                .header("Authorization", "Bearer " + s.pollToken()).build(), HttpResponse.BodyHandlers.ofInputStream());
        streams.add(authenticated.body());
        assertThat(authenticated.statusCode()).as("a place of its own kind").isEqualTo(200);
        HttpResponse<String> wrong = f.send(f.request("/api/auth/" + s.id() + "/events")
                .header("Authorization", "Bearer " + "A".repeat(43)));
        assertThat(error(wrong, 401)).isEqualTo("invalid_poll_token");
    }

    // ---------------------------------------------------------------- finding 2: what the wallet signs

    @ParameterizedTest
    @ValueSource(strings = {"sub", "role", "scope", "exp"})
    void attributesTheWalletDoesNotShowAreRefusedAtCreation(String key) throws Exception {
        start("");
        HttpResponse<String> r = f.post("/api/auth", Map.of("delegatedKey", f.app.publicKey().toBase58(),
                "attributes", Map.of("name", "Good App", key, "admin")));
        assertThat(error(r, 400)).isEqualTo("invalid_attributes");
        assertThat(json(r).get("detail").asText()).contains("attributes." + key);
    }

    @Test
    void theAudienceIsKeptShownOnThePageAndSigned() throws Exception {
        start("");
        BifrostFixture.Opened s = f.open(Map.of("name", "Meter app", "aud", List.of("https://api.example.com",
                "https://other.example/v2")));
        JsonNode shown = json(f.get("/api/auth/" + s.id()));
        assertThat(shown.at("/attributes/aud/1").asText()).isEqualTo("https://other.example/v2");
        String page = f.send(HttpRequest.newBuilder(java.net.URI.create(s.sessionUrl()))).body();
        assertThat(page).contains("<ul id=\"audience\"><li>https://api.example.com</li>"
                + "<li>https://other.example/v2</li></ul>");
        assertThat(f.attributesOf(s.id()).audience().orElseThrow().includes("https://API.example.com:443/"))
                .isTrue();
        assertThat(f.approve(s.id(), f.sign(s.id())).statusCode()).isEqualTo(200);

        HttpResponse<String> badAudience = f.post("/api/auth", Map.of("delegatedKey", f.app.publicKey().toBase58(),
                "attributes", Map.of("aud", "javascript:alert(1)")));
        assertThat(error(badAudience, 400)).isEqualTo("invalid_attributes");
    }

    // ---------------------------------------------------------------- finding 3: who may cancel

    @Test
    void onlyTheApplicationCancelsAnApprovedLogin() throws Exception {
        start("");
        BifrostFixture.Opened s = f.open();
        String token = f.sign(s.id());
        f.approve(s.id(), token);

        assertThat(error(f.send(f.request("/api/auth/" + s.id()).DELETE()), 401)).as("a bystander with the id")
                .isEqualTo("credential_required");
        assertThat(error(f.send(f.request("/api/auth/" + s.id()).header("Authorization", "Bearer " + "A".repeat(43))
                .DELETE()), 401)).isEqualTo("invalid_poll_token");
        assertThat(json(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken())).get("token").asText())
                .as("the login stands").isEqualTo(token);

        BifrostFixture.Opened other = f.open();
        String url = f.base + "/api/auth/" + other.id();
        String proof = PopProof.createForSession(f.app, "DELETE", url, other.id(), f.clock.instant(), f.random);
        assertThat(f.send(f.request("/api/auth/" + other.id()).header("DPoP", proof).DELETE()).statusCode())
                .as("the application, by proof of possession").isEqualTo(200);
        HttpResponse<String> told = f.getWithPollToken("/api/auth/" + other.id(), other.pollToken());
        assertThat(error(told, 410)).isEqualTo("session_cancelled");
        assertThat(json(told).get("detail").asText()).isEqualTo("the session was cancelled");
    }

    // ---------------------------------------------------------------- finding 5 and issue 14: strict bodies

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"delegatedKey\":\"%s\",\"attributes\":{\"name\":\"Good App\",\"name\":\"Evil App\"}}",
        "{\"delegatedKey\":\"%s\",\"delegatedKey\":\"%s\"}",
        "{\"delegatedKey\":\"%s\",\"attributes\":{\"permissions\":{\"expires_in\":1e400}}}",
        "{\"delegatedKey\":\"%s\",\"attributes\":{\"limit\":-1e400}}",
        "{\"delegatedKey\":\"%s\"} trailing garbage",
        "{\"delegatedKey\":\"%s\"}{}",
        "{\"delegatedKey\":\"%s\"}]"
    })
    void aBodyThatParsersCouldReadDifferentlyIsRefused(String template) throws Exception {
        start("");
        String key = f.app.publicKey().toBase58();
        HttpResponse<String> r = f.send(f.request("/api/auth").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(template.formatted(key, key))));
        assertThat(error(r, 400)).isEqualTo("invalid_request");
    }

    @Test
    void everyBridgeBodyIsReadStrictly() throws Exception {
        start("");
        BifrostFixture.Opened s = f.open();
        String token = f.sign(s.id());
        HttpResponse<String> r = f.send(f.request("/api/auth/" + s.id()).POST(HttpRequest.BodyPublishers.ofString(
                "{\"token\":\"" + token + "\"} x")));
        assertThat(error(r, 400)).isEqualTo("invalid_request");
        assertThat(json(f.get("/api/auth/" + s.id())).get("state").asText()).isEqualTo("pending");
    }
}
