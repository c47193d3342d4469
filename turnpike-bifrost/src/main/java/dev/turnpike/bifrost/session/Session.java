package dev.turnpike.bifrost.session;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationRequest;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.session.SessionTransitionException.Transition;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Bifrost session, immutable: every transition returns a new instance, and the store makes it the current one
 * only if the stored instance has not changed meanwhile (compare-and-set), which is how the first approval wins.
 *
 * <p>The state depends on the time: from {@link #expiresAt()} on, {@link #state(Instant)} is {@link
 * SessionState#EXPIRED} whatever was stored, and every transition is refused. Transitions:
 * <ul>
 *   <li>{@link #approve}: {@code PENDING → APPROVED}, keeping the verified token;</li>
 *   <li>{@link #deny}: {@code PENDING → DENIED};</li>
 *   <li>{@link #cancel}: {@code PENDING | APPROVED → CANCELLED}, dropping any token;</li>
 *   <li>{@link #consume}: {@code APPROVED → CONSUMED}, handing the token over once and dropping it.</li>
 * </ul>
 * The token is a credential: {@link #toString()} leaves it out.
 */
public final class Session {
    /** The document's session lifetime: 3 minutes. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(3);

    private final SessionId id;
    private final PollTokenHash pollTokenHash;
    private final ConfirmationCode confirmationCode;
    private final DelegationRequest request;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final SessionState state;
    private final String token;

    private Session(Stored s) {
        this.id = s.id();
        this.pollTokenHash = s.pollTokenHash();
        this.confirmationCode = s.confirmationCode();
        this.request = s.request();
        this.createdAt = s.createdAt();
        this.expiresAt = s.expiresAt();
        this.state = s.state();
        this.token = s.token().orElse(null);
    }

    /** A new session and the poll token for its creator, who is the only one ever to see it. */
    public record Opened(Session session, PollToken pollToken) {
        public Opened {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(pollToken, "pollToken");
        }
    }

    /** What {@link #consume} hands over: the consumed session, and the token it no longer holds. */
    public record Handover(Session session, String token) {
        public Handover {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Handover[" + session + ", token=redacted]";
        }
    }

    /**
     * Everything a store keeps of a session, as plain values; {@link Session#restore} checks it. The token is
     * present exactly in state {@code APPROVED}.
     */
    public record Stored(SessionId id, PollTokenHash pollTokenHash, ConfirmationCode confirmationCode,
            DelegationRequest request, Instant createdAt, Instant expiresAt, SessionState state,
            Optional<String> token) {
        public Stored {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(pollTokenHash, "pollTokenHash");
            Objects.requireNonNull(confirmationCode, "confirmationCode");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Stored[" + id + ", " + state + ", expiresAt=" + expiresAt + ", token="
                    + (token.isPresent() ? "redacted" : "none") + "]";
        }
    }

    /**
     * Opens a session for an application: a fresh id, poll token, confirmation code and nonce (added to the
     * attributes, replacing any the application sent).
     *
     * @param lifetime how long the session lives, e.g. {@link #DEFAULT_LIFETIME}
     * @throws IllegalArgumentException if {@code lifetime} is not positive
     */
    public static Opened open(Ed25519PublicKey delegatedKey, Attributes requested, Instant now, Duration lifetime,
            SecureRandom random) {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a session lifetime must be positive: " + lifetime);
        }
        PollToken pollToken = PollToken.generate(random);
        DelegationRequest request = new DelegationRequest(delegatedKey, requested.withFreshNonce(random));
        Session session = new Session(new Stored(SessionId.generate(random), pollToken.hash(),
                ConfirmationCode.generate(random), request, now, now.plus(lifetime), SessionState.PENDING,
                Optional.empty()));
        return new Opened(session, pollToken);
    }

    /**
     * A session read back from a store.
     *
     * @throws IllegalArgumentException if it breaks an invariant: {@code expiresAt} not after {@code createdAt}, a
     *                                  token without state {@code APPROVED}, or {@code APPROVED} without a token
     */
    public static Session restore(Stored stored) {
        Objects.requireNonNull(stored, "stored");
        if (!stored.expiresAt().isAfter(stored.createdAt())) {
            throw new IllegalArgumentException("a session must expire after it was created");
        }
        if (stored.token().isPresent() != (stored.state() == SessionState.APPROVED)) {
            throw new IllegalArgumentException("a session holds a token exactly when it is approved, not when "
                    + stored.state());
        }
        return new Session(stored);
    }

    /** The plain values to store. */
    public Stored toStored() {
        return new Stored(id, pollTokenHash, confirmationCode, request, createdAt, expiresAt, state,
                Optional.ofNullable(token));
    }

    public SessionId id() {
        return id;
    }

    public ConfirmationCode confirmationCode() {
        return confirmationCode;
    }

    /** The application's key and attributes (with Bifrost's nonce): what the wallet's token must match. */
    public DelegationRequest request() {
        return request;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The state at {@code now}: {@link SessionState#EXPIRED} from {@link #expiresAt()} on. */
    public SessionState state(Instant now) {
        return now.isBefore(expiresAt) ? state : SessionState.EXPIRED;
    }

    /** The approved token, present only while the state at {@code now} is {@link SessionState#APPROVED}. */
    public Optional<String> token(Instant now) {
        return state(now) == SessionState.APPROVED ? Optional.of(token) : Optional.empty();
    }

    /** Whether {@code presented} is this session's poll token; constant-time. */
    public boolean acceptsPollToken(PollToken presented) {
        return pollTokenHash.matches(presented);
    }

    /**
     * The wallet's verified token approves the session.
     *
     * @throws IllegalArgumentException   if the token was not verified for this session's request (another
     *                                    delegated key or nonce): verify with {@link #request()} first
     * @throws SessionTransitionException unless the session is pending at {@code now}
     */
    public Session approve(DelegationToken verified, Instant now) throws SessionTransitionException {
        Objects.requireNonNull(verified, "verified");
        if (!verified.delegatedKey().equals(request.delegatedKey())
                || !verified.attributes().nonce().equals(request.attributes().nonce())) {
            throw new IllegalArgumentException("the token was not verified for this session's request");
        }
        return to(Transition.APPROVE, SessionState.PENDING, SessionState.APPROVED, now, verified.compact());
    }

    /** @throws SessionTransitionException unless the session is pending at {@code now} */
    public Session deny(Instant now) throws SessionTransitionException {
        return to(Transition.DENY, SessionState.PENDING, SessionState.DENIED, now, null);
    }

    /** @throws SessionTransitionException unless the session is pending or approved at {@code now} */
    public Session cancel(Instant now) throws SessionTransitionException {
        if (state(now) == SessionState.APPROVED) {
            return to(Transition.CANCEL, SessionState.APPROVED, SessionState.CANCELLED, now, null);
        }
        return to(Transition.CANCEL, SessionState.PENDING, SessionState.CANCELLED, now, null);
    }

    /**
     * Hands the approved token over once; the consumed session no longer holds it.
     *
     * @throws SessionTransitionException unless the session is approved at {@code now}
     */
    public Handover consume(Instant now) throws SessionTransitionException {
        Session consumed = to(Transition.CONSUME, SessionState.APPROVED, SessionState.CONSUMED, now, null);
        return new Handover(consumed, token);
    }

    private Session to(Transition transition, SessionState from, SessionState target, Instant now, String newToken)
            throws SessionTransitionException {
        Objects.requireNonNull(now, "now");
        SessionState current = state(now);
        if (current != from) {
            throw new SessionTransitionException(transition, current);
        }
        return new Session(new Stored(id, pollTokenHash, confirmationCode, request, createdAt, expiresAt, target,
                Optional.ofNullable(newToken)));
    }

    @Override
    public String toString() {
        return "Session[" + id + ", " + state + ", code=" + confirmationCode + ", delegatedKey="
                + request.delegatedKey().fingerprint() + ", expiresAt=" + expiresAt + "]";
    }
}
