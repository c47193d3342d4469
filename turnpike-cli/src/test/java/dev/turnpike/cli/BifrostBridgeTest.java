package dev.turnpike.cli;

import static dev.turnpike.cli.BifrostFixture.error;
import static dev.turnpike.cli.BifrostFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.DelegationVerifier;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.Verification;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Bifrost bridge over real loopback HTTP with a real SQLite file: the source document's flow (strict original
 * mode), the hardened flow (poll token or proof of possession, one-time retrieval, confirmation code, deny, cancel,
 * long-poll, server-sent events), the session page, the served OpenAPI description, and a restart.
 */
class BifrostBridgeTest {

    @TempDir
    Path dir;

    private BifrostFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BifrostFixture(dir, 0, BifrostFixture.generousLimits(""));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theDocumentsFlowWorksInStrictOriginalMode() throws Exception {
        f.close();
        f = new BifrostFixture(dir, 0, BifrostFixture.generousLimits("strict_original: true\n"));
        // EA: POST /api/auth with delegatedKey and attributes → session_id, session_url
        BifrostFixture.Opened s = f.open(Map.of("name", "Test Application"));
        assertThat(s.sessionUrl()).isEqualTo(f.base + "/auth/session/" + s.id());
        // SEA: GET /api/auth/{id} → delegatedKey, expiresAt (unix seconds), attributes with Bifrost's nonce
        JsonNode shown = json(f.get("/api/auth/" + s.id()));
        assertThat(shown.get("delegatedKey").asText()).isEqualTo(f.app.publicKey().toBase58());
        assertThat(shown.get("expiresAt").asLong()).isEqualTo(f.clock.instant().plusSeconds(180).getEpochSecond());
        assertThat(shown.get("attributes").get("name").asText()).isEqualTo("Test Application");
        assertThat(shown.get("attributes").get("nonce").asText()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(shown.has("token")).isFalse();
        // SEA: POST /api/auth/{id} {token} → {status: success}
        String token = f.sign(s.id());
        HttpResponse<String> approved = f.approve(s.id(), token);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("status").asText()).isEqualTo("success");
        // EA polls GET /api/auth/{id} with the session id alone → the token, as often as it asks
        for (int i = 0; i < 2; i++) {
            JsonNode polled = json(f.get("/api/auth/" + s.id()));
            assertThat(polled.get("token").asText()).isEqualTo(token);
            assertThat(polled.get("delegatedKey").asText()).isEqualTo(f.app.publicKey().toBase58());
        }
        // DELETE /api/auth/{id} → {status: success}
        HttpResponse<String> deleted = f.send(f.request("/api/auth/" + s.id()).DELETE());
        assertThat(json(deleted).get("status").asText()).isEqualTo("success");
        assertThat(error(f.get("/api/auth/" + s.id()), 410)).isEqualTo("session_cancelled");
    }

    @Test
    void theHardenedFlowHandsTheTokenOnceToTheHolderOfThePollToken() throws Exception {
        BifrostFixture.Opened s = f.open();
        assertThat(s.pollToken()).hasSize(43);
        assertThat(s.code()).matches("[BCDFGHJKLMNPQRSTVWXZ]{3}-[BCDFGHJKLMNPQRSTVWXZ]{3}");
        assertThat(s.body().get("interval").asInt()).isEqualTo(5);
        assertThat(s.body().get("deep_link").asText()).isEqualTo("sea://auth?session=" + s.id());

        JsonNode wallet = json(f.get("/api/auth/" + s.id()));
        assertThat(wallet.get("confirmation_code").asText()).as("the wallet shows the same code").isEqualTo(s.code());
        assertThat(wallet.get("state").asText()).isEqualTo("pending");
        assertThat(wallet.get("max_token_lifetime").asLong()).as("the wallet learns the bridge's limit").isEqualTo(12 * 3600);
        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()), 400))
                .isEqualTo("authorization_pending");

        String token = f.sign(s.id());
        assertThat(f.approve(s.id(), token).statusCode()).isEqualTo(200);
        JsonNode withoutCredential = json(f.get("/api/auth/" + s.id()));
        assertThat(withoutCredential.get("state").asText()).isEqualTo("approved");
        assertThat(withoutCredential.has("token")).as("the session id alone does not read the token").isFalse();

        HttpResponse<String> fetched = f.getWithPollToken("/api/auth/" + s.id(), s.pollToken());
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        assertThat(json(fetched).get("token").asText()).isEqualTo(token);
        assertThat(json(fetched).get("state").asText()).isEqualTo("consumed");
        Verification<DelegationToken> check = DelegationVerifier.withDefaults().verify(token,
                new dev.turnpike.bifrost.DelegationRequest(f.app.publicKey(), f.attributesOf(s.id())), f.clock.instant());
        assertThat(check.isVerified()).isTrue();

        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()), 410))
                .as("one-time retrieval").isEqualTo("token_already_retrieved");
        assertThat(json(f.get("/api/auth/" + s.id())).has("token")).isFalse();
    }

    @Test
    void sessionsAreCountedByOutcome() throws Exception {
        BifrostFixture.Opened read = f.open();
        f.approve(read.id(), f.sign(read.id()));
        assertThat(f.getWithPollToken("/api/auth/" + read.id(), read.pollToken()).statusCode()).isEqualTo(200);
        BifrostFixture.Opened denied = f.open();
        f.post("/api/auth/" + denied.id() + "/deny", Map.of());
        BifrostFixture.Opened cancelled = f.open();
        f.send(f.request("/api/auth/" + cancelled.id()).header("Authorization", "Bearer " + cancelled.pollToken())
                .DELETE());
        assertThat(f.metrics()).contains(
                "turnpike_bifrost_sessions_total{outcome=\"created\"} 3.0",
                "turnpike_bifrost_sessions_total{outcome=\"approved\"} 1.0",
                "turnpike_bifrost_sessions_total{outcome=\"read\"} 1.0",
                "turnpike_bifrost_sessions_total{outcome=\"rejected\"} 1.0",
                "turnpike_bifrost_sessions_total{outcome=\"cancelled\"} 1.0");
    }

    @Test
    void aProofOfPossessionOfTheDelegatedKeyReadsTheToken() throws Exception {
        BifrostFixture.Opened s = f.open();
        String token = f.sign(s.id());
        f.approve(s.id(), token);
        String url = f.base + "/api/auth/" + s.id();
        String proof = PopProof.createForSession(f.app, "GET", url, s.id(), f.clock.instant(), f.random);
        HttpResponse<String> fetched = f.send(f.request("/api/auth/" + s.id()).header("DPoP", proof));
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        assertThat(json(fetched).get("token").asText()).isEqualTo(token);
    }

    @Test
    void aDeniedSessionTellsTheApplicationAccessDeniedAndRefusesALaterApproval() throws Exception {
        BifrostFixture.Opened s = f.open();
        String token = f.sign(s.id());
        HttpResponse<String> denied = f.post("/api/auth/" + s.id() + "/deny", Map.of());
        assertThat(json(denied).get("status").asText()).isEqualTo("success");
        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()), 400)).isEqualTo("access_denied");
        assertThat(error(f.approve(s.id(), token), 409)).isEqualTo("session_not_pending");
    }

    @Test
    void aCancelledSessionCannotBeApprovedAndItsTokenIsGone() throws Exception {
        BifrostFixture.Opened s = f.open();
        String token = f.sign(s.id());
        f.approve(s.id(), token);
        assertThat(f.send(f.request("/api/auth/" + s.id()).header("Authorization", "Bearer " + s.pollToken())
                .DELETE()).statusCode()).isEqualTo(200);
        assertThat(error(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken()), 410)).isEqualTo("session_cancelled");
        assertThat(error(f.get("/api/auth/" + s.id()), 410)).as("the wallet's view").isEqualTo("session_cancelled");
        assertThat(error(f.get("/api/auth/" + s.id() + "/events"), 410)).as("the events").isEqualTo("session_cancelled");
        assertThat(error(f.get("/auth/session/" + s.id()), 410)).as("the page").isEqualTo("session_cancelled");
        assertThat(error(f.approve(s.id(), token), 410)).as("a late approval").isEqualTo("session_cancelled");
    }

    @Test
    void aLongPollIsAnsweredWithTheTokenWhenTheWalletApproves() throws Exception {
        BifrostFixture.Opened s = f.open();
        String token = f.sign(s.id());
        CompletableFuture<HttpResponse<String>> polling = f.http.sendAsync(f.request("/api/auth/" + s.id() + "?wait=60")
                .header("Authorization", "Bearer " + s.pollToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(f.approve(s.id(), token).statusCode()).isEqualTo(200);
        HttpResponse<String> answered = polling.get(30, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(json(answered).get("token").asText()).isEqualTo(token);
    }

    @Test
    void aLongPollThatOutlivesItsWaitIsToldThatAuthorizationIsPending() throws Exception {
        BifrostFixture.Opened s = f.open();
        HttpResponse<String> r = f.getWithPollToken("/api/auth/" + s.id() + "?wait=1", s.pollToken());
        assertThat(error(r, 400)).isEqualTo("authorization_pending");
        assertThat(error(f.get("/api/auth/" + s.id() + "?wait=1"), 401)).as("only the application long-polls")
                .isEqualTo("credential_required");
    }

    @Test
    void serverSentEventsFollowTheSessionToItsEnd() throws Exception {
        BifrostFixture.Opened s = f.open();
        HttpResponse<Stream<String>> stream = f.http.send(f.request("/api/auth/" + s.id() + "/events").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        Iterator<String> lines = stream.body().iterator();
        assertThat(nextEvent(lines)).contains("\"state\":\"pending\"");
        f.approve(s.id(), f.sign(s.id()));
        assertThat(nextEvent(lines)).contains("\"state\":\"approved\"");
        f.getWithPollToken("/api/auth/" + s.id(), s.pollToken());
        assertThat(nextEvent(lines)).contains("\"state\":\"consumed\"");
        assertEnds(lines);

        HttpResponse<Stream<String>> byAccept = f.http.send(f.request("/api/auth/" + s.id())
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        Iterator<String> again = byAccept.body().iterator();
        assertThat(nextEvent(again)).contains("\"state\":\"consumed\"");
        assertEnds(again);
    }

    /** The stream ends on a final state: nothing but the blank line closing the last event follows. */
    private static void assertEnds(Iterator<String> lines) {
        List<String> rest = new java.util.ArrayList<>();
        lines.forEachRemaining(rest::add);
        assertThat(rest).containsOnly("");
    }

    /** The data line of the next event (comments and other fields skipped). */
    static String nextEvent(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("the stream ended");
    }

    @Test
    void theSessionPageShowsWhatIsAskedEscapedUnderAStrictContentSecurityPolicy() throws Exception {
        BifrostFixture.Opened s = f.open(Map.of("name", "<script>alert(1)</script>\"'&",
                "permissions", Map.of("scopes", List.of("read:<b>meter</b>"))));
        HttpResponse<String> page = f.send(HttpRequest.newBuilder(java.net.URI.create(s.sessionUrl())));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").contains("script-src 'nonce-").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        String html = page.body();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;")
                .doesNotContain("<script>alert(1)")
                .contains("read:&lt;b&gt;meter&lt;/b&gt;")
                .doesNotContain("<b>meter")
                .contains("unverified")
                .contains(s.code())
                .contains("<svg")
                .contains("href=\"sea://auth?session=" + s.id() + "\"");
        assertThat(html).doesNotContain(s.pollToken());
    }

    @Test
    void theOpenApiDescriptionIsServedAtDocs() throws Exception {
        HttpResponse<String> docs = f.get("/docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).startsWith("openapi: 3.").contains("/api/auth/{session_id}:");
    }

    @Test
    void aPendingSessionSurvivesARestart() throws Exception {
        f.close();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        f = new BifrostFixture(dir, port, BifrostFixture.generousLimits(""));
        BifrostFixture.Opened s = f.open();
        f.restart();
        assertThat(json(f.get("/api/auth/" + s.id())).get("state").asText()).isEqualTo("pending");
        String token = f.sign(s.id());
        assertThat(f.approve(s.id(), token).statusCode()).isEqualTo(200);
        assertThat(json(f.getWithPollToken("/api/auth/" + s.id(), s.pollToken())).get("token").asText())
                .isEqualTo(token);
    }

    @Test
    void theAuditLogRecordsSessionEventsWithoutSecrets() throws Exception {
        Logger audit = (Logger) LoggerFactory.getLogger("turnpike.audit.bifrost");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        audit.addAppender(seen);
        ch.qos.logback.classic.Level level = audit.getLevel();
        audit.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            BifrostFixture.Opened s = f.open();
            String token = f.sign(s.id());
            f.approve(s.id(), token);
            f.getWithPollToken("/api/auth/" + s.id(), s.pollToken());
            List<String> events = seen.list.stream().map(e -> e.getKeyValuePairs().toString()).toList();
            assertThat(events).hasSize(3);
            assertThat(events.get(1)).contains("event=\"approved\"").contains(f.user.publicKey().toBase58())
                    .contains("ip=\"127.0.0.1\"").contains("user_agent=");
            for (String e : events) {
                assertThat(e).doesNotContain(s.id()).doesNotContain(s.pollToken()).doesNotContain(token);
            }
        } finally {
            audit.setLevel(level);
            audit.detachAppender(seen);
        }
    }

    @Test
    void unknownIdsReadAsExpiredAndOtherPathsPassOnToTheRoutes() throws Exception {
        assertThat(error(f.get("/api/auth/AAAAAAAAAAAAAAAAAAAAAA"), 404)).isEqualTo("expired_token");
        assertThat(error(f.get("/api/auth/not-an-id"), 404)).isEqualTo("expired_token");
        HttpResponse<String> route = f.get("/elsewhere");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(route.body()).contains("no-service");
    }

    @Test
    void aBrowserApplicationOnAnotherOriginMayCallTheApi() throws Exception {
        HttpResponse<String> preflight = f.send(f.request("/api/auth").method("OPTIONS",
                        HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("DPoP");
        assertThat(f.open().body()).isNotNull();
        assertThat(f.post("/api/auth", Map.of("delegatedKey", f.app.publicKey().toBase58())).headers()
                .firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void sessionsLiveForTheConfiguredTime() throws Exception {
        BifrostFixture.Opened s = f.open();
        f.clock.advance(Duration.ofSeconds(179));
        assertThat(f.get("/api/auth/" + s.id()).statusCode()).isEqualTo(200);
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(error(f.get("/api/auth/" + s.id()), 410)).isEqualTo("expired_token");
    }
}
