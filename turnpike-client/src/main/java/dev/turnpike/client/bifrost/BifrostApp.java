package dev.turnpike.client.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.DelegationVerifier;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.TimePolicy;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.ConfirmationCode;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.nodes.http.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's side of a Bifrost login (the document's "external application"): it opens a session for its own
 * Ed25519 key, waits for the user's wallet to approve it, and takes the delegation token the wallet signed, after
 * verifying it.
 *
 * <pre>{@code
 * Ed25519KeyPair key = KeyFile.loadOrCreate(keyFile, random);          // the private key stays here
 * try (BifrostApp app = BifrostApp.builder(URI.create("https://bridge.example"), key).build()) {
 *     PendingLogin login = app.open(Attributes.empty().withName("Meter dashboard"));
 *     show(login.deepLink(), login.confirmationCode());                  // as a QR code, with the code
 *     DelegationToken token = app.awaitToken(login);                     // verified
 *     TokenFile.write(tokenFile, token, bridge);
 *     show(token.issuer());                                              // the user's wallet key, never ours
 * }
 * }</pre>
 *
 * <h2>What it checks</h2>
 * <ul>
 *   <li>On {@link #open}, the session as the bridge recorded it ({@code GET /api/auth/{id}}, display data): our key,
 *       our attributes unchanged, and a nonce. That nonce is what the token must carry.</li>
 *   <li>On {@link #awaitToken}, before returning the token: signed by its {@code issuer}, delegating to our key,
 *       with the session's nonce and our name, permissions equal or narrower than asked, a lifetime within
 *       {@link Builder#maxTokenLifetime} and its own {@code expires_in}, not expired ({@link DelegationVerifier};
 *       {@code created} may lie up to the session's lifetime plus the clock skew in the past).</li>
 * </ul>
 *
 * <h2>Reading the token</h2>
 * With the {@code poll_token} the bridge returned only to us ({@code Authorization: Bearer}), or, from a bridge
 * without poll tokens or when {@link Builder#proofOfPossession()} is set, with a proof of possession of our key
 * ({@code DPoP}, see {@link PopProof}). A hardened bridge hands the token over once; a bridge of the original
 * protocol keeps it until the session ends, so the application then deletes the session itself. The same credential
 * goes with the event stream (so the bridge counts it among the holds it reserves places for) and with the cancel
 * (which a hardened bridge takes only from the application).
 *
 * <p>Thread-safe; each call blocks on HTTP, {@link #awaitToken} until the wallet answers or the session expires.
 */
public final class BifrostApp implements AutoCloseable {

    /** The longest a single long-poll asks the bridge to hold it (below common proxy idle timeouts). */
    public static final int LONG_POLL_SECONDS = 25;
    /** RFC 8628 section 3.5: after {@code slow_down}, poll this much less often from then on. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    /** The polling interval when the bridge names none (RFC 8628's default). */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** Waiting goes on this long past the session's expiry, so the bridge's own answer normally ends it. */
    static final Duration EXPIRY_GRACE = Duration.ofSeconds(5);
    /** An event stream silent for this long is given up (the bridge sends a heartbeat every 15 s). */
    static final Duration EVENTS_IDLE_LIMIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(BifrostApp.class);

    private final URI bridge;
    private final Ed25519KeyPair key;
    private final BridgeHttp http;
    private final Clock clock;
    private final SecureRandom random;
    private final Pause pause;
    private final WaitMode waitMode;
    private final boolean proofOfPossession;
    private final Duration maxTokenLifetime;

    private BifrostApp(Builder b) {
        this.bridge = b.bridge;
        this.key = b.key;
        this.http = new BridgeHttp(b.httpClient, b.requestTimeout);
        this.clock = b.clock;
        this.random = b.random;
        this.pause = b.pause;
        this.waitMode = b.waitMode;
        this.proofOfPossession = b.proofOfPossession;
        this.maxTokenLifetime = b.maxTokenLifetime;
    }

    /**
     * @param bridge the bridge's base URL, e.g. {@code https://bridge.example} (its API is under {@code /api/auth})
     * @param key    the application's key pair: the token will delegate to its public key
     * @throws IllegalArgumentException if {@code bridge} is not an absolute http(s) URL
     */
    public static Builder builder(URI bridge, Ed25519KeyPair key) {
        return new Builder(bridge, key);
    }

    /**
     * Opens a session asking for {@code requested} ({@code POST /api/auth}), then reads it back to learn the nonce
     * the bridge added and to check that it recorded our key and attributes unchanged.
     *
     * @throws BifrostRefusedException    e.g. {@code invalid_attributes}, {@code rate_limited}
     * @throws BridgeProtocolException    if the answers are not the API's, or the session differs from the request
     * @throws BifrostUnavailableException if the bridge cannot be asked
     */
    public PendingLogin open(Attributes requested) throws BifrostException {
        Objects.requireNonNull(requested, "requested");
        Instant openedAt = clock.instant();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("delegatedKey", key.publicKey().toBase58());
        body.set("attributes", requested.toJsonNode());
        JsonNode json = http.call(BridgeHttp.jsonRequest(URI.create(bridge + "/api/auth"))
                .header("Content-Type", "application/json").POST(BridgeHttp.jsonBody(body))).json();
        String id = optionalText(json, "session_id").orElse("");
        if (!SessionRef.isId(id)) {
            throw new BridgeProtocolException("the bridge opened a session without a session_id of 1.."
                    + SessionRef.MAX_ID_LENGTH + " characters of A-Z a-z 0-9 _ -");
        }
        SessionRef session = new SessionRef(bridge, id);
        String sessionUrl = optionalText(json, "session_url").orElseThrow(() -> new BridgeProtocolException(
                "the bridge opened a session without a session_url"));
        SessionView recorded = SessionView.fetch(http, session);
        checkRecorded(recorded, requested);
        Optional<String> given = optionalText(json, "confirmation_code");
        if (given.isPresent() && !given.flatMap(ConfirmationCode::parse).equals(recorded.confirmationCode())) {
            throw new BridgeProtocolException("the confirmation code the bridge gave us is not the one it shows the"
                    + " wallet");
        }
        return new PendingLogin(session, sessionUrl, optionalText(json, "deep_link").orElse(sessionUrl),
                recorded.confirmationCode(), openedAt, recorded.expiresAt(),
                BridgeHttp.positiveSeconds(json.path("interval")).orElse(DEFAULT_INTERVAL), recorded.request(),
                optionalText(json, "poll_token").orElse(null));
    }

    /**
     * Waits for the wallet's answer and returns the verified token. Waits by long-poll or by the event stream (see
     * {@link WaitMode}), falling back to plain polling; gives up at the session's expiry (plus a few seconds for the
     * bridge's own answer).
     *
     * @throws LoginDeniedException        the user denied the request
     * @throws SessionExpiredException     the session expired first
     * @throws SessionCancelledException   the session was cancelled
     * @throws SessionEndedException       the token went to someone else ({@link SessionState#CONSUMED})
     * @throws TokenVerificationException  the token fails verification (a hardened bridge has handed it over:
     *                                     it is gone, open a new session)
     * @throws BifrostRefusedException     e.g. {@code invalid_poll_token}, {@code proof_stale}
     * @throws BifrostUnavailableException if the bridge cannot be asked
     * @throws InterruptedException        if the thread is interrupted while pausing between polls
     */
    public DelegationToken awaitToken(PendingLogin login) throws BifrostException, InterruptedException {
        Objects.requireNonNull(login, "login");
        Instant deadline = login.expiresAt().plus(EXPIRY_GRACE);
        if (waitMode == WaitMode.EVENTS) {
            awaitChangeByEvents(login, deadline);
        }
        Duration interval = login.interval();
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new SessionExpiredException("the session expired at " + login.expiresAt()
                        + " before the wallet answered");
            }
            Instant asked = clock.instant();
            Read read = read(login, Math.min(LONG_POLL_SECONDS, left.toSeconds()));
            switch (read) {
                case Read.Token(String compact, boolean consumed) -> {
                    return accept(login, compact, consumed);
                }
                case Read.Pending(Optional<Duration> asksFor) -> interval = longer(interval, asksFor);
                case Read.SlowDown(Optional<Duration> asksFor) -> interval = longer(interval.plus(SLOW_DOWN_STEP), asksFor);
            }
            Duration since = Duration.between(asked, clock.instant());
            if (since.compareTo(interval) < 0) {
                pause.pause(interval.minus(since)); // the bridge answered at once: plain polling
            }
        }
    }

    /**
     * Cancels the session ({@code DELETE /api/auth/{id}}, with our credential): a pending one can no longer be
     * approved, an approved one's token is dropped.
     */
    public void cancel(PendingLogin login) throws BifrostException {
        Objects.requireNonNull(login, "login");
        URI uri = login.session().apiUri();
        http.call(withCredential(BridgeHttp.jsonRequest(uri).DELETE(), login, "DELETE", uri));
    }

    /**
     * {@code request} with our credential for the session: the poll token, or a proof of possession of our key for
     * this method and URL (from a bridge without poll tokens, or when {@link Builder#proofOfPossession()} is set).
     */
    private HttpRequest.Builder withCredential(HttpRequest.Builder request, PendingLogin login, String method,
            URI uri) {
        if (login.pollToken().isPresent() && !proofOfPossession) {
            return request.header("Authorization", "Bearer " + login.pollToken().get());
        }
        return request.header("DPoP", PopProof.createForSession(key, method, uri.toString(), login.sessionId(),
                clock.instant(), random));
    }

    /** What one read of the session found. */
    private sealed interface Read {
        /** @param consumed whether the bridge handed it over once (else it still holds it) */
        record Token(String compact, boolean consumed) implements Read {
            @Override
            public String toString() {
                return "Token[redacted]";
            }
        }

        record Pending(Optional<Duration> interval) implements Read {}

        record SlowDown(Optional<Duration> interval) implements Read {}
    }

    /** {@code GET /api/auth/{id}} with our credential, held up to {@code waitSeconds} by the bridge. */
    private Read read(PendingLogin login, long waitSeconds) throws BifrostException {
        URI uri = login.session().apiUri();
        HttpRequest.Builder request = withCredential(BridgeHttp.jsonRequest(waitSeconds > 0
                ? URI.create(uri + "?wait=" + waitSeconds) : uri).GET(), login, "GET", uri);
        BridgeHttp.Answer a = http.send(request, Duration.ofSeconds(waitSeconds));
        if (a.isSuccess()) {
            JsonNode view = a.json();
            Optional<SessionState> state = SessionView.state(view);
            if (view.path("token").isTextual()) {
                return new Read.Token(view.get("token").asText(), state.equals(Optional.of(SessionState.CONSUMED)));
            }
            if (state.isPresent() && state.get().isTerminal()) {
                throw SessionEndedException.of(state.get());
            }
            return new Read.Pending(Optional.empty()); // the original protocol: no token yet
        }
        BridgeHttp.Problem problem = BridgeHttp.Problem.of(a);
        return switch (problem.error()) {
            case "authorization_pending" -> new Read.Pending(problem.interval());
            case "slow_down" -> new Read.SlowDown(problem.interval());
            default -> throw BridgeHttp.refusal(a);
        };
    }

    /** Verifies the token against our request; drops it from a bridge that still holds it. */
    private DelegationToken accept(PendingLogin login, String compact, boolean consumed) throws BifrostException {
        if (!consumed) {
            dropFromBridge(login);
        }
        // created lies between the session's opening and now, give or take the clocks' difference
        Duration sessionLifetime = Duration.between(login.openedAt(), login.expiresAt());
        Duration skew = TimePolicy.DEFAULT_CLOCK_SKEW
                .plus(sessionLifetime.isNegative() ? Duration.ZERO : sessionLifetime);
        TimePolicy policy = new TimePolicy(skew, maxTokenLifetime);
        return switch (new DelegationVerifier(policy).verify(compact, login.request(), clock.instant())) {
            case Verification.Verified<DelegationToken>(DelegationToken token) -> token;
            case Verification.Refused<DelegationToken>(var reason, var detail) ->
                    throw new TokenVerificationException(reason, detail);
        };
    }

    /** The original protocol keeps the token until the session ends; the document's DELETE ends it now. */
    private void dropFromBridge(PendingLogin login) {
        try {
            cancel(login);
        } catch (BifrostException e) {
            LOG.warn("the bridge still holds the session's token until it expires: deleting the session failed: {}",
                    e.getMessage());
        }
    }

    /** Follows the event stream until the session leaves {@code pending}; returns early if it cannot be used. */
    private void awaitChangeByEvents(PendingLogin login, Instant deadline) throws BifrostException {
        URI eventsUri = login.session().eventsUri();
        HttpResponse<InputStream> response = http.stream(withCredential(HttpRequest.newBuilder(eventsUri)
                .header("Accept", BridgeHttp.EVENT_STREAM).GET(), login, "GET", eventsUri));
        if (response.statusCode() != 200 || !BridgeHttp.isEventStream(response)) {
            BridgeHttp.Answer a = http.read(response.request(), response);
            String error = BridgeHttp.Problem.of(a).error();
            if (a.isSuccess() || a.status() == 405 || (a.status() == 404 && !error.equals("expired_token"))) {
                LOG.debug("no event stream at the bridge (HTTP {} {}): polling instead", a.status(), error);
                return;
            }
            throw BridgeHttp.refusal(a);
        }
        try (InputStream body = response.body();
                StreamWatchdog watchdog = new StreamWatchdog(body, clock, deadline, EVENTS_IDLE_LIMIT)) {
            EventStream events = new EventStream(body, watchdog::activity);
            for (Optional<EventStream.Event> e = events.next(); e.isPresent(); e = events.next()) {
                if (e.get().type().equals("state")) {
                    SessionState state = SessionView.state(BridgeHttp.parseJson(e.get().data())).orElseThrow(() ->
                            new BridgeProtocolException("a state event without a state"));
                    if (state == SessionState.APPROVED) {
                        return;
                    }
                    if (state.isTerminal()) {
                        throw SessionEndedException.of(state);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("the event stream broke off ({}): polling instead", e.getMessage());
        }
    }

    private void checkRecorded(SessionView recorded, Attributes requested) throws BridgeProtocolException {
        if (!recorded.request().delegatedKey().equals(key.publicKey())) {
            throw new BridgeProtocolException("the bridge recorded another delegated key than ours for the session");
        }
        ObjectNode asked = requested.toJsonNode();
        ObjectNode kept = recorded.request().attributes().toJsonNode();
        asked.remove(Attributes.NONCE);
        kept.remove(Attributes.NONCE);
        if (!asked.equals(kept)) {
            throw new BridgeProtocolException("the bridge recorded other attributes than we asked for: "
                    + UntrustedText.printable(kept.toString(), 200));
        }
    }

    private static Optional<String> optionalText(JsonNode json, String member) {
        return json.path(member).isTextual() ? Optional.of(json.get(member).asText()) : Optional.empty();
    }

    /** {@code b} if it is longer than {@code a}, else {@code a}. */
    private static Duration longer(Duration a, Optional<Duration> b) {
        return b.filter(d -> d.compareTo(a) > 0).orElse(a);
    }

    /** Closes the HTTP client if the builder made it. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "BifrostApp[" + bridge + ", key=" + key.publicKey().fingerprint() + "]";
    }

    /** Configures a {@link BifrostApp}. */
    public static final class Builder {
        private final URI bridge;
        private final Ed25519KeyPair key;
        private HttpClient httpClient;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;
        private Pause pause = Pause.SLEEP;
        private WaitMode waitMode = WaitMode.LONG_POLL;
        private boolean proofOfPossession;
        private Duration maxTokenLifetime = TimePolicy.DEFAULT_MAX_LIFETIME;

        private Builder(URI bridge, Ed25519KeyPair key) {
            this.bridge = SessionRef.bridgeBase(bridge);
            this.key = Objects.requireNonNull(key, "key");
        }

        /** The HTTP client (e.g. with a custom TLS context); by default HTTP/1.1 with a 10 s connect timeout. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** How long one call may take until the answer starts, a long-poll's wait not counted; 30 s by default. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Durations.positive(timeout, "the request timeout");
            return this;
        }

        /** The clock for deadlines, proofs and the token's times; the system's UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Randomness for proofs of possession; a new {@link SecureRandom} by default. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How to wait between plain polls; {@link Pause#SLEEP} by default. */
        public Builder pause(Pause pause) {
            this.pause = Objects.requireNonNull(pause, "pause");
            return this;
        }

        /** Long-poll (the default) or the event stream. */
        public Builder waitMode(WaitMode mode) {
            this.waitMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Read the token with a proof of possession of our key, even where the bridge gave a poll token. */
        public Builder proofOfPossession() {
            this.proofOfPossession = true;
            return this;
        }

        /**
         * The longest token lifetime accepted; the document's 12 hours by default. A bridge configured to accept
         * longer tokens needs the same here.
         */
        public Builder maxTokenLifetime(Duration lifetime) {
            this.maxTokenLifetime = Durations.positive(lifetime, "the maximum token lifetime");
            return this;
        }

        public BifrostApp build() {
            if (random == null) {
                random = new SecureRandom();
            }
            return new BifrostApp(this);
        }
    }
}
