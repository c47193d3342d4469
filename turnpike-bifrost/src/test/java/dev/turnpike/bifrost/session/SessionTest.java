package dev.turnpike.bifrost.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.DelegationVerifier;
import dev.turnpike.bifrost.TestData;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.SessionTransitionException.Transition;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final Instant T0 = Instant.parse("2025-04-28T08:50:00Z");
    private final SecureRandom random = TestData.seededRandom(4);
    private final Ed25519KeyPair wallet = TestData.keyPair(1);
    private final Ed25519KeyPair app = TestData.keyPair(2);
    private final Session.Opened opened = open();
    private final Session pending = opened.session();
    private final Instant t1 = T0.plusSeconds(30);

    @Test
    void aNewSessionIsPendingWithBifrostsNonceAndItsOwnSecrets() throws Exception {
        assertThat(pending.state(T0)).isEqualTo(SessionState.PENDING);
        assertThat(pending.expiresAt()).isEqualTo(T0.plus(Session.DEFAULT_LIFETIME));
        assertThat(pending.request().delegatedKey()).isEqualTo(app.publicKey());
        assertThat(pending.request().attributes().name()).contains("Test Application");
        assertThat(pending.request().nonce()).hasSize(22).isNotEqualTo("app-nonce");
        assertThat(pending.acceptsPollToken(opened.pollToken())).isTrue();
        assertThat(pending.acceptsPollToken(PollToken.generate(random))).isFalse();
        assertThat(pending.token(T0)).isEmpty();
        Session other = open().session();
        assertThat(other.id()).isNotEqualTo(pending.id());
        assertThat(other.request().nonce()).isNotEqualTo(pending.request().nonce());
    }

    @Test
    void approvalKeepsTheTokenAndConsumptionHandsItOverOnce() throws Exception {
        DelegationToken token = verifiedToken(pending);
        Session approved = pending.approve(token, t1);
        assertThat(approved.state(t1)).isEqualTo(SessionState.APPROVED);
        assertThat(approved.token(t1)).contains(token.compact());
        assertThat(pending.state(t1)).isEqualTo(SessionState.PENDING); // immutable
        Session.Handover handover = approved.consume(t1);
        assertThat(handover.token()).isEqualTo(token.compact());
        assertThat(handover.session().state(t1)).isEqualTo(SessionState.CONSUMED);
        assertThat(handover.session().token(t1)).isEmpty();
        assertThat(handover.session().toStored().token()).isEmpty();
        assertThat(handover.toString()).doesNotContain(token.compact());
        assertIllegal(() -> handover.session().consume(t1), Transition.CONSUME, SessionState.CONSUMED,
                "cannot consume a session that is consumed");
    }

    @Test
    void theFirstApprovalWins() throws Exception {
        Session approved = pending.approve(verifiedToken(pending), t1);
        assertIllegal(() -> approved.approve(verifiedToken(pending), t1), Transition.APPROVE, SessionState.APPROVED,
                "cannot approve a session that is approved");
        assertIllegal(() -> approved.deny(t1), Transition.DENY, SessionState.APPROVED, "cannot deny");
    }

    @Test
    void denialAndCancellationEndTheSession() throws Exception {
        Session denied = pending.deny(t1);
        assertThat(denied.state(t1)).isEqualTo(SessionState.DENIED);
        assertIllegal(() -> denied.approve(verifiedToken(pending), t1), Transition.APPROVE, SessionState.DENIED,
                "denied");
        assertIllegal(() -> denied.cancel(t1), Transition.CANCEL, SessionState.DENIED, "cancel");
        assertThat(pending.cancel(t1).state(t1)).isEqualTo(SessionState.CANCELLED);
        Session cancelledAfterApproval = pending.approve(verifiedToken(pending), t1).cancel(t1);
        assertThat(cancelledAfterApproval.state(t1)).isEqualTo(SessionState.CANCELLED);
        assertThat(cancelledAfterApproval.token(t1)).isEmpty();
        assertIllegal(() -> cancelledAfterApproval.consume(t1), Transition.CONSUME, SessionState.CANCELLED, "consume");
        assertIllegal(() -> pending.consume(t1), Transition.CONSUME, SessionState.PENDING,
                "cannot consume a session that is pending");
    }

    @Test
    void afterItsLifetimeEverySessionIsExpiredAndRefusesEverything() throws Exception {
        Instant end = pending.expiresAt();
        Instant justBefore = end.minusMillis(1);
        Session approved = pending.approve(verifiedToken(pending), t1);
        assertThat(approved.token(justBefore)).isPresent();
        assertThat(approved.state(end)).isEqualTo(SessionState.EXPIRED);
        assertThat(approved.token(end)).isEmpty();
        assertThat(pending.deny(t1).state(end)).isEqualTo(SessionState.EXPIRED);
        DelegationToken token = verifiedToken(pending);
        assertIllegal(() -> pending.approve(token, end), Transition.APPROVE, SessionState.EXPIRED, "expired");
        assertIllegal(() -> pending.deny(end), Transition.DENY, SessionState.EXPIRED, "expired");
        assertIllegal(() -> pending.cancel(end), Transition.CANCEL, SessionState.EXPIRED, "expired");
        assertIllegal(() -> approved.consume(end), Transition.CONSUME, SessionState.EXPIRED, "expired");
        assertThat(pending.approve(token, justBefore).state(justBefore)).isEqualTo(SessionState.APPROVED);
    }

    @Test
    void onlyATokenVerifiedForThisSessionApprovesIt() throws Exception {
        Session other = open().session();
        DelegationToken forOther = verifiedToken(other);
        assertThatThrownBy(() -> pending.approve(forOther, t1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the token was not verified for this session's request");
    }

    @Test
    void terminalStatesAreTheOnesNoTransitionLeaves() {
        for (SessionState s : SessionState.values()) {
            assertThat(s.isTerminal()).as(s.name()).isEqualTo(s != SessionState.PENDING && s != SessionState.APPROVED);
        }
    }

    @Test
    void aStoredSessionComesBackEqualAndBrokenRecordsAreRefused() throws Exception {
        Session approved = pending.approve(verifiedToken(pending), t1);
        Session.Stored stored = approved.toStored();
        Session restored = Session.restore(stored);
        assertThat(restored.toStored()).isEqualTo(stored);
        assertThat(restored.token(t1)).isEqualTo(approved.token(t1));
        assertThat(restored.acceptsPollToken(opened.pollToken())).isTrue();
        assertThat(stored.toString()).doesNotContain(approved.token(t1).orElseThrow()).contains("redacted");
        assertThat(approved.toString()).doesNotContain(approved.token(t1).orElseThrow())
                .doesNotContain(approved.id().text());
        Session.Stored noToken = new Session.Stored(stored.id(), stored.pollTokenHash(), stored.confirmationCode(),
                stored.request(), stored.createdAt(), stored.expiresAt(), SessionState.APPROVED, Optional.empty());
        assertThatThrownBy(() -> Session.restore(noToken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly when it is approved");
        Session.Stored backwards = new Session.Stored(stored.id(), stored.pollTokenHash(), stored.confirmationCode(),
                stored.request(), stored.expiresAt(), stored.createdAt(), SessionState.PENDING, Optional.empty());
        assertThatThrownBy(() -> Session.restore(backwards)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLifetimeMustBePositive() {
        assertThatThrownBy(() -> Session.open(app.publicKey(), Attributes.empty(), T0, Duration.ZERO, random))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Session.Opened open() {
        try {
            Attributes requested = Attributes.parse("{\"name\":\"Test Application\",\"nonce\":\"app-nonce\"}");
            return Session.open(app.publicKey(), requested, T0, Session.DEFAULT_LIFETIME, random);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private DelegationToken verifiedToken(Session session) {
        String compact = DelegationToken.sign(wallet, app.publicKey(), session.request().attributes(), t1,
                t1.plus(Duration.ofHours(12)));
        Verification<DelegationToken> v = DelegationVerifier.withDefaults().verify(compact, session.request(), t1);
        return ((Verification.Verified<DelegationToken>) v).value();
    }

    private interface Transitioning {
        Object run() throws SessionTransitionException;
    }

    private static void assertIllegal(Transitioning t, Transition transition, SessionState state, String message) {
        assertThatThrownBy(t::run).isInstanceOf(SessionTransitionException.class).hasMessageContaining(message)
                .satisfies(e -> {
                    SessionTransitionException ste = (SessionTransitionException) e;
                    assertThat(ste.transition()).isEqualTo(transition);
                    assertThat(ste.state()).isEqualTo(state);
                });
    }
}
