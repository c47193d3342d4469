package dev.turnpike.client.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.Reason;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.client.bifrost.FakeBridge.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's side against a scriptable bridge on loopback: what it sends, how it waits, and what it refuses
 * from a bridge that does not behave (the real bridge is driven end to end in turnpike-cli's tests).
 */
class BifrostAppTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final SecureRandom random = new SecureRandom();
    private final Ed25519KeyPair appKey = Ed25519KeyPair.generate(random);
    private final Ed25519KeyPair user = Ed25519KeyPair.generate(random);
    private final TestClock clock = new TestClock(T0);
    private FakeBridge bridge;
    private Attributes asked;

    @BeforeEach
    void start() throws Exception {
        bridge = new FakeBridge(T0.plusSeconds(180));
        asked = Attributes.empty().withName("Meter dashboard")
                .withPermissions(Permissions.parse("{\"scopes\":[\"read:meter\"]}"));
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    private BifrostApp app(Consumer<BifrostApp.Builder> options) {
        BifrostApp.Builder b = BifrostApp.builder(bridge.base(), appKey).clock(clock).pause(clock.pause());
        options.accept(b);
        return b.build();
    }

    private BifrostApp app() {
        return app(b -> {});
    }

    /** The wallet's token for the session as the bridge recorded it. */
    private String signed() throws Exception {
        return signedFor(appKey.publicKey(), Attributes.fromJson(bridge.attributes), Duration.ofHours(12));
    }

    private String signedFor(Ed25519PublicKey delegatedKey, Attributes attributes, Duration lifetime) {
        return DelegationToken.sign(user, delegatedKey, attributes, clock.instant(), clock.instant().plus(lifetime));
    }

    @Test
    void theHardenedFlowReadsTheTokenOnceWithThePollTokenByLongPollAndVerifiesIt() throws Exception {
        try (BifrostApp app = app()) {
            PendingLogin login = app.open(asked);
            assertThat(login.confirmationCode()).hasValueSatisfying(c -> assertThat(c.display()).isEqualTo("BCD-FGH"));
            assertThat(login.deepLink()).isEqualTo("sea://auth?session=" + FakeBridge.ID);
            assertThat(login.sessionUrl()).isEqualTo(bridge.base() + "/auth/session/" + FakeBridge.ID);
            assertThat(login.expiresAt()).isEqualTo(T0.plusSeconds(180));
            assertThat(login.toString()).doesNotContain(FakeBridge.POLL_TOKEN).doesNotContain(FakeBridge.ID);
            bridge.token = signed();

            DelegationToken token = app.awaitToken(login);

            assertThat(token.issuer()).isEqualTo(user.publicKey());
            assertThat(token.delegatedKey()).isEqualTo(appKey.publicKey());
            assertThat(token.compact()).isEqualTo(bridge.token);
        }
        assertThat(bridge.delegatedKey).isEqualTo(appKey.publicKey().toBase58());
        assertThat(bridge.requests).containsExactly(
                "POST /api/auth none",
                "GET /api/auth/" + FakeBridge.ID + " none",
                "GET /api/auth/" + FakeBridge.ID + "?wait=25 bearer");
        assertThat(clock.pauses).isEmpty();
    }

    @Test
    void againstABridgeOfTheOriginalProtocolItPollsEveryFiveSecondsWithAProofThenDeletesTheSession() throws Exception {
        bridge.documentOnly = true;
        try (BifrostApp app = app()) {
            PendingLogin login = app.open(asked);
            assertThat(login.confirmationCode()).isEmpty();
            assertThat(login.deepLink()).isEqualTo(login.sessionUrl());
            bridge.appReads.add(Reply.json(200, bridge.pendingView()));
            bridge.appReads.add(Reply.json(200, bridge.pendingView()));
            bridge.token = signed();

            assertThat(app.awaitToken(login).issuer()).isEqualTo(user.publicKey());
        }
        String read = "GET /api/auth/" + FakeBridge.ID + "?wait=25 dpop";
        assertThat(bridge.requests).endsWith(read, read, read, "DELETE /api/auth/" + FakeBridge.ID + " dpop");
        assertThat(clock.pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void slowDownMakesItPollFiveSecondsLessOftenFromThenOn() throws Exception {
        try (BifrostApp app = app()) {
            PendingLogin login = app.open(asked);
            bridge.appReads.add(Reply.problem(400, "authorization_pending", ",\"interval\":2"));
            bridge.appReads.add(Reply.problem(400, "slow_down", ",\"interval\":2"));
            bridge.appReads.add(Reply.problem(400, "authorization_pending", ",\"interval\":2"));
            bridge.token = signed();

            app.awaitToken(login);
        }
        assertThat(clock.pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(7), Duration.ofSeconds(7));
    }

    @Test
    void theWaitEndsAtTheSessionsExpiryPlusAGraceEvenIfTheBridgeKeepsSayingPending() throws Exception {
        try (BifrostApp app = app()) {
            PendingLogin login = app.open(asked);

            assertThatThrownBy(() -> app.awaitToken(login)).isInstanceOf(SessionExpiredException.class)
                    .hasMessageContaining("expired at " + T0.plusSeconds(180));
        }
        assertThat(clock.instant()).isAfterOrEqualTo(T0.plusSeconds(180).plus(BifrostApp.EXPIRY_GRACE));
        List<String> waits = bridge.requests.stream().filter(r -> r.contains("?wait=")).toList();
        assertThat(waits.getLast()).contains("?wait=1 ");
    }

    @Test
    void aLoginPastItsExpiryIsNotWaitedFor() throws Exception {
        try (BifrostApp app = app()) {
            PendingLogin login = app.open(asked);
            clock.advance(Duration.ofMinutes(4));

            assertThatThrownBy(() -> app.awaitToken(login)).isInstanceOf(SessionExpiredException.class);
        }
        assertThat(bridge.requests).noneMatch(r -> r.contains("?wait="));
    }

    @Test
    void aTokenThatIsNotForThisLoginIsRefusedWithItsReason() throws Exception {
        Ed25519KeyPair stranger = Ed25519KeyPair.generate(random);
        Map<Reason, ThrowingTokenMaker> tampered = Map.of(
                Reason.WRONG_DELEGATED_KEY, () -> signedFor(stranger.publicKey(), Attributes.fromJson(bridge.attributes),
                        Duration.ofHours(1)),
                Reason.NONCE_MISMATCH, () -> signedFor(appKey.publicKey(), Attributes.fromJson(
                        ((ObjectNode) bridge.attributes.deepCopy()).put("nonce", "another-session")), Duration.ofHours(1)),
                Reason.BAD_SIGNATURE, () -> flipLastSignatureCharacter(signed()),
                Reason.NAME_CHANGED, () -> signedFor(appKey.publicKey(), Attributes.fromJson(bridge.attributes)
                        .withName("Something else"), Duration.ofHours(1)),
                Reason.LIFETIME_TOO_LONG, () -> signedFor(appKey.publicKey(), Attributes.fromJson(bridge.attributes),
                        Duration.ofHours(13)));
        for (Map.Entry<Reason, ThrowingTokenMaker> t : tampered.entrySet()) {
            try (BifrostApp app = app()) {
                PendingLogin login = app.open(asked);
                bridge.token = t.getValue().make();

                assertThatThrownBy(() -> app.awaitToken(login)).as(t.getKey().code())
                        .isInstanceOfSatisfying(TokenVerificationException.class,
                                e -> assertThat(e.reason()).isEqualTo(t.getKey()))
                        .hasMessageNotContaining(bridge.token);
            }
        }
    }

    private interface ThrowingTokenMaker {
        String make() throws Exception;
    }

    private static String flipLastSignatureCharacter(String compact) {
        char last = compact.charAt(compact.length() - 2);
        return compact.substring(0, compact.length() - 2) + (last == 'A' ? 'B' : 'A') + compact.charAt(compact.length() - 1);
    }

    @Test
    void aLongerTokenLifetimeIsAcceptedWhenTheApplicationAllowsIt() throws Exception {
        try (BifrostApp app = app(b -> b.maxTokenLifetime(Duration.ofDays(1)))) {
            PendingLogin login = app.open(asked);
            bridge.token = signedFor(appKey.publicKey(), Attributes.fromJson(bridge.attributes), Duration.ofHours(20));

            assertThat(app.awaitToken(login).lifetime()).isEqualTo(Duration.ofHours(20));
        }
    }

    @Test
    void aBridgeThatRecordsOtherAttributesAddsNoNonceOrShowsAnotherCodeIsNotUsed() throws Exception {
        bridge.recordAttributes = a -> a.put("name", "Totally Legit Bank");
        try (BifrostApp app = app()) {
            assertThatThrownBy(() -> app.open(asked)).isInstanceOf(BridgeProtocolException.class)
                    .hasMessageContaining("other attributes than we asked for").hasMessageContaining("Totally Legit Bank");
        }
        bridge.recordAttributes = a -> a;
        bridge.addNonce = false;
        try (BifrostApp app = app()) {
            assertThatThrownBy(() -> app.open(asked)).isInstanceOf(BridgeProtocolException.class)
                    .hasMessageContaining("no nonce");
        }
        bridge.addNonce = true;
        bridge.walletCode = "XZB-CDF";
        try (BifrostApp app = app()) {
            assertThatThrownBy(() -> app.open(asked)).isInstanceOf(BridgeProtocolException.class)
                    .hasMessageContaining("confirmation code the bridge gave us is not the one it shows the wallet");
        }
    }

    @Test
    void theEndsOfASessionAreTheirOwnExceptions() throws Exception {
        Map<Reply, Class<? extends BifrostException>> ends = Map.of(
                Reply.problem(400, "access_denied", ""), LoginDeniedException.class,
                Reply.problem(410, "expired_token", ""), SessionExpiredException.class,
                Reply.problem(410, "session_cancelled", ""), SessionCancelledException.class,
                Reply.problem(410, "token_already_retrieved", ""), SessionEndedException.class,
                Reply.problem(401, "invalid_poll_token", ""), BifrostRefusedException.class,
                Reply.problem(503, "temporarily_unavailable", ""), BifrostUnavailableException.class,
                Reply.json(200, "<html>not json</html>"), BridgeProtocolException.class);
        for (Map.Entry<Reply, Class<? extends BifrostException>> end : ends.entrySet()) {
            try (BifrostApp app = app()) {
                PendingLogin login = app.open(asked);
                bridge.appReads.add(end.getKey());

                assertThatThrownBy(() -> app.awaitToken(login)).as(end.getKey().body())
                        .isExactlyInstanceOf(end.getValue());
            }
        }
        try (BifrostApp app = app()) {
            PendingLogin login = app.open(asked);
            bridge.appReads.add(Reply.problem(410, "token_already_retrieved", ""));
            assertThatThrownBy(() -> app.awaitToken(login)).isInstanceOfSatisfying(SessionEndedException.class,
                    e -> assertThat(e.state()).isEqualTo(SessionState.CONSUMED));
        }
    }

    @Test
    void eventsAnnounceTheApprovalOrTheirAbsenceMeansLongPollingThenOneReadFetchesTheToken() throws Exception {
        String approvedAfterAWhile = "event: state\r\ndata: {\"state\":\"pending\",\"expiresAt\":1}\r\n\r\n"
                + ": heartbeat\n\nid: 2\nevent: state\ndata: {\"state\":\"approved\",\"expiresAt\":1}\n\n";
        for (String stream : new String[] {approvedAfterAWhile, null}) {
            bridge.eventStream = stream;
            bridge.requests.clear();
            try (BifrostApp app = app(b -> b.waitMode(WaitMode.EVENTS))) {
                PendingLogin login = app.open(asked);
                bridge.token = signed();

                assertThat(app.awaitToken(login).issuer()).isEqualTo(user.publicKey());
            }
            assertThat(bridge.requests).as(String.valueOf(stream)).endsWith(
                    "GET /api/auth/" + FakeBridge.ID + "/events bearer", "GET /api/auth/" + FakeBridge.ID + "?wait=25 bearer");
        }
    }

    @Test
    void anEventStreamThatOutlivesTheSessionIsClosed() throws Exception {
        bridge.eventStream = "event: state\ndata: {\"state\":\"pending\"}\n\n";
        bridge.holdEvents = new CountDownLatch(1);
        try (BifrostApp app = app(b -> b.waitMode(WaitMode.EVENTS))) {
            PendingLogin login = app.open(asked);
            clock.advance(Duration.ofMinutes(4));

            // the bridge would hold the stream for two minutes: the watchdog closes it at the deadline
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> app.awaitToken(login))
                    .isInstanceOf(SessionExpiredException.class));
        } finally {
            bridge.holdEvents.countDown();
        }
        assertThat(bridge.requests).noneMatch(r -> r.contains("?wait="));
    }

    @Test
    void aDenialAnnouncedByEventsEndsTheWait() throws Exception {
        bridge.eventStream = "event: state\ndata: {\"state\":\"denied\"}\n\n";
        try (BifrostApp app = app(b -> b.waitMode(WaitMode.EVENTS))) {
            PendingLogin login = app.open(asked);
            assertThatThrownBy(() -> app.awaitToken(login)).isInstanceOf(LoginDeniedException.class);
        }
        assertThat(bridge.requests).noneMatch(r -> r.contains("?wait="));
    }

    @Test
    void aProofOfPossessionReplacesThePollTokenWhenAsked() throws Exception {
        try (BifrostApp app = app(BifrostApp.Builder::proofOfPossession)) {
            PendingLogin login = app.open(asked);
            bridge.token = signed();
            app.awaitToken(login);
        }
        assertThat(bridge.requests.getLast()).endsWith(" dpop");
    }

    @Test
    void aRefusedOpeningSaysWhyAndWhenToTryAgain() throws Exception {
        bridge.refuseOpen = new Reply(429, "application/problem+json",
                "{\"error\":\"rate_limited\",\"detail\":\"too many sessions\",\"retry_after\":17}");
        try (BifrostApp app = app()) {
            assertThatThrownBy(() -> app.open(asked)).isInstanceOfSatisfying(BifrostRefusedException.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.error()).isEqualTo("rate_limited");
                assertThat(e.retryAfterSeconds()).hasValue(17);
                assertThat(e.getMessage()).contains("too many sessions").contains("try again in 17 s");
            });
        }
    }

    @Test
    void aBridgeThatIsNotThereIsUnavailable() throws Exception {
        try (BifrostApp app = BifrostApp.builder(URI.create("http://127.0.0.1:" + freePort()), appKey).build()) {
            assertThatThrownBy(() -> app.open(asked)).isInstanceOf(BifrostUnavailableException.class)
                    .hasMessageStartingWith("cannot reach the bridge at http://127.0.0.1:");
        }
    }

    @Test
    void anAnswerLargerThanTheLimitIsNotRead() throws Exception {
        try (BifrostApp app = app()) {
            PendingLogin login = app.open(asked);
            bridge.appReads.add(Reply.json(200, "{\"pad\":\"" + "x".repeat(BridgeHttp.MAX_BODY_BYTES) + "\"}"));
            assertThatThrownBy(() -> app.awaitToken(login)).isInstanceOf(BifrostUnavailableException.class)
                    .hasMessageContaining("more than " + BridgeHttp.MAX_BODY_BYTES + " bytes");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
