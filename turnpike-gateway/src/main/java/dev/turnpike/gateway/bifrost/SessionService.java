package dev.turnpike.gateway.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.DelegationVerifier;
import dev.turnpike.bifrost.InMemoryReplayCache;
import dev.turnpike.bifrost.InvalidAttributesException;
import dev.turnpike.bifrost.PopExpectation;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.PopVerifier;
import dev.turnpike.bifrost.TimePolicy;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.crypto.KeyFormatException;
import dev.turnpike.bifrost.session.PollToken;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionId;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.bifrost.session.SessionTransitionException;
import dev.turnpike.gateway.config.BifrostConfig;
import dev.turnpike.gateway.ratelimit.ClientPrefix;
import dev.turnpike.gateway.ratelimit.Limiter;
import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.ChangeFeed;
import dev.turnpike.store.api.SessionStore;
import dev.turnpike.store.api.SessionStore.PurgedSessions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The bridge's operations on sessions, without HTTP: open, look up, approve (after the {@link DelegationVerifier}),
 * deny, cancel, and hand the token over once. State changes go through the {@link SessionStore}'s compare-and-set,
 * so the first answer wins everywhere, and wake this process's {@link SessionWatchers}. Every refusal is a {@link
 * BifrostProblem}; a store failure is a {@link StoreException}. Thread-safe; every method may block on the store.
 */
public final class SessionService {

    /** Most client networks and delegated keys with a rate-limit bucket at once. */
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final SessionStore store;
    private final BifrostConfig config;
    private final Clock clock;
    private final SecureRandom random;
    private final DelegationVerifier verifier;
    private final PopVerifier popVerifier;
    private final SessionWatchers watchers = new SessionWatchers();
    private final BifrostAudit audit;
    private final ClientPrefix clientPrefix;
    private final Limiter<ClientPrefix.Network> perIp;
    private final Limiter<Ed25519PublicKey> perKey;

    public SessionService(SessionStore store, BifrostConfig config, Clock clock, SecureRandom random) {
        this(store, config, clock, random, outcome -> {});
    }

    /** {@code outcomes}: told each session event (created, approved, rejected, cancelled, read, expired...), for metrics. */
    public SessionService(SessionStore store, BifrostConfig config, Clock clock, SecureRandom random,
            Consumer<String> outcomes) {
        this.audit = new BifrostAudit(outcomes);
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.verifier = new DelegationVerifier(new TimePolicy(config.clockSkew(), config.maxTokenLifetime()));
        this.popVerifier = PopVerifier.withDefaults(new InMemoryReplayCache(InMemoryReplayCache.DEFAULT_CAPACITY, clock));
        this.clientPrefix = new ClientPrefix(config.sessionsPerIp().ipv4Prefix(), config.sessionsPerIp().ipv6Prefix());
        this.perIp = Limiter.of(config.sessionsPerIp().limit().tokenBucket(), clock, MAX_TRACKED_KEYS);
        this.perKey = Limiter.of(config.sessionsPerKey().tokenBucket(), clock, MAX_TRACKED_KEYS);
    }

    public BifrostConfig config() {
        return config;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The proof verifier (and its replay cache) every bridge endpoint shares: revocation requests too. */
    PopVerifier popVerifier() {
        return popVerifier;
    }

    SessionWatchers watchers() {
        return watchers;
    }

    /** Wakes this gateway's waiters when other gateways sharing the store change their sessions. */
    public void listenTo(ChangeFeed feed) {
        watchers.listenTo(feed, id -> store.find(id).map(Session::restore));
    }

    /**
     * Opens a session for the application's {@code delegatedKey} (base58) and requested {@code attributes} (a JSON
     * object of the {@link Attributes#KNOWN known} attributes, or null for none); Bifrost adds the nonce. Limited per
     * client network, then per key.
     */
    public Session.Opened open(String delegatedKey, JsonNode attributes, ClientInfo client)
            throws BifrostProblem, StoreException {
        long wait = perIp.tryAcquire(clientPrefix.of(client.address()));
        if (wait > 0) {
            throw BifrostProblem.rateLimited("from this network", wait);
        }
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.fromBase58(delegatedKey);
        } catch (KeyFormatException e) {
            throw BifrostProblem.invalidDelegatedKey(e.getMessage());
        }
        Attributes requested;
        try {
            requested = attributes == null || attributes.isNull() ? Attributes.empty()
                    : Attributes.fromRequest(attributes);
        } catch (InvalidAttributesException e) {
            throw BifrostProblem.invalidAttributes(e.getMessage());
        }
        wait = perKey.tryAcquire(key);
        if (wait > 0) {
            throw BifrostProblem.rateLimited("for this delegated key", wait);
        }
        Session.Opened opened = Session.open(key, requested, clock.instant(), config.sessionTtl(), random);
        store.create(opened.session().toStored(), client.ip());
        audit.created(opened.session(), client);
        return opened;
    }

    /**
     * The session with id {@code idText}, alive: unknown ids are 404, expired sessions 410 {@code expired_token} and
     * cancelled ones ({@code DELETE}: the document "deletes a session") 410 {@code session_cancelled}, whoever asks.
     */
    public Session find(String idText) throws BifrostProblem, StoreException {
        return requireAlive(findAny(idText));
    }

    /** {@code s} unless it expired or was cancelled (deleted), which every read answers with 410. */
    Session requireAlive(Session s) throws BifrostProblem {
        return switch (s.state(clock.instant())) {
            case EXPIRED -> throw BifrostProblem.expired();
            case CANCELLED -> throw BifrostProblem.cancelled();
            default -> s;
        };
    }

    /** The session as stored now (it may have changed since {@code id} was read), expired or not. */
    Session reload(SessionId id) throws BifrostProblem, StoreException {
        return store.find(id).map(Session::restore).orElseThrow(BifrostProblem::unknownSession);
    }

    private Session findAny(String idText) throws BifrostProblem, StoreException {
        Optional<SessionId> id = SessionId.parse(idText);
        if (id.isEmpty()) {
            throw BifrostProblem.unknownSession();
        }
        return reload(id.get());
    }

    /** The wallet's answer: {@code token} is verified against the session's request, then the first answer wins. */
    public Session approve(String idText, String token, ClientInfo client) throws BifrostProblem, StoreException {
        Session s = find(idText);
        requirePending(s);
        Instant now = clock.instant();
        switch (verifier.verify(token, s.request(), now)) {
            case Verification.Verified<DelegationToken>(DelegationToken verified) -> {
                Session approved = change(s, current -> current.approve(verified, now));
                audit.approved(approved, verified.issuer(), client);
                return approved;
            }
            case Verification.Refused<DelegationToken>(var reason, var detail) -> {
                audit.refused(s, reason.code(), client);
                throw BifrostProblem.tokenRefused(reason, detail);
            }
        }
    }

    public Session deny(String idText, ClientInfo client) throws BifrostProblem, StoreException {
        Session s = find(idText);
        Instant now = clock.instant();
        Session denied = change(s, current -> current.deny(now));
        audit.denied(denied, client);
        return denied;
    }

    public Session cancel(String idText, ClientInfo client) throws BifrostProblem, StoreException {
        Session s = find(idText);
        Instant now = clock.instant();
        Session cancelled = change(s, current -> current.cancel(now));
        audit.cancelled(cancelled, client);
        return cancelled;
    }

    /**
     * Checks the application's credential for reading the token: its poll token ({@code Authorization: Bearer}) or a
     * proof of possession of the delegated key for this request ({@code DPoP} header).
     */
    public void authenticateApp(Session s, AppCredential credential, String method, String url, ClientInfo client)
            throws BifrostProblem {
        switch (credential) {
            case AppCredential.Bearer(String text) -> {
                Optional<PollToken> token = PollToken.parse(text);
                if (token.isEmpty() || !s.acceptsPollToken(token.get())) {
                    audit.pollRefused(s, "invalid_poll_token", client);
                    throw BifrostProblem.invalidPollToken();
                }
            }
            case AppCredential.Proof(String jws) -> {
                PopExpectation expected = PopExpectation.forSession(s.request().delegatedKey(), method, url,
                        s.id().text());
                if (popVerifier.verify(jws, expected, clock.instant())
                        instanceof Verification.Refused<PopProof>(var reason, var detail)) {
                    audit.pollRefused(s, reason.code(), client);
                    throw BifrostProblem.proofRefused(reason, detail);
                }
            }
            case AppCredential.None none -> throw new IllegalArgumentException("no credential to check");
        }
    }

    /**
     * Hands the approved token to the authenticated application once: the session is consumed and the token dropped.
     * Other states answer as RFC 8628 polling does ({@code authorization_pending}, {@code access_denied}, …).
     */
    public Session.Handover handOver(Session s, ClientInfo client) throws BifrostProblem, StoreException {
        Instant now = clock.instant();
        requireApproved(s, now);
        Session.Handover handover;
        try {
            handover = s.consume(now);
        } catch (SessionTransitionException e) {
            throw outcomeProblem(e.state());
        }
        if (!store.replace(s.toStored(), handover.session().toStored(), now)) {
            requireApproved(findAny(s.id().text()), clock.instant());
            throw BifrostProblem.alreadyRetrieved(); // approved again is impossible: someone else consumed it
        }
        watchers.changed(handover.session());
        audit.consumed(handover.session(), client);
        return handover;
    }

    /**
     * Deletes sessions that expired more than an hour ago (until then they answer 410 rather than 404), counting
     * those nobody decided on as {@code expired}: the one time such a session is seen for the last time.
     */
    public PurgedSessions purgeExpired() throws StoreException {
        PurgedSessions purged = store.purgeExpiredBefore(clock.instant().minus(Duration.ofHours(1)));
        audit.expired(purged.undecided());
        return purged;
    }

    private void requireApproved(Session s, Instant now) throws BifrostProblem {
        SessionState state = s.state(now);
        if (state != SessionState.APPROVED) {
            throw outcomeProblem(state);
        }
    }

    /** What an application polling a session that is not (or no longer) approved is told. */
    private BifrostProblem outcomeProblem(SessionState state) {
        return switch (state) {
            case PENDING -> BifrostProblem.pending(config.pollInterval());
            case DENIED -> BifrostProblem.accessDenied();
            case EXPIRED -> BifrostProblem.expired();
            case CANCELLED -> BifrostProblem.cancelled();
            case CONSUMED -> BifrostProblem.alreadyRetrieved();
            case APPROVED -> throw new IllegalArgumentException("an approved session has an outcome");
        };
    }

    private void requirePending(Session s) throws BifrostProblem {
        SessionState state = s.state(clock.instant());
        if (state != SessionState.PENDING) {
            throw tooLate(state);
        }
    }

    /** A change asked of a session already in {@code state}: someone answered first, or its time is over. */
    private static BifrostProblem tooLate(SessionState state) {
        return state == SessionState.EXPIRED ? BifrostProblem.expired() : BifrostProblem.notPending(state);
    }

    private interface Transition {
        Session apply(Session current) throws SessionTransitionException;
    }

    /** Applies {@code t} and stores the result if nobody changed the session meanwhile; wakes the watchers. */
    private Session change(Session s, Transition t) throws BifrostProblem, StoreException {
        Session next;
        try {
            next = t.apply(s);
        } catch (SessionTransitionException e) {
            throw tooLate(e.state());
        }
        if (!store.replace(s.toStored(), next.toStored(), clock.instant())) {
            throw tooLate(findAny(s.id().text()).state(clock.instant()));
        }
        watchers.changed(next);
        return next;
    }
}
