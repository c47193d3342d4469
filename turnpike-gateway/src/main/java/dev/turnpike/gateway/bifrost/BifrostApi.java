package dev.turnpike.gateway.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.bifrost.StrictJson;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.DeepLink;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.gateway.config.BifrostConfig;
import dev.turnpike.gateway.hosting.ApiAnswer;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.HeldLimits;
import dev.turnpike.gateway.hosting.Hold;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.l402.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bifrost bridge over HTTP, compatible with the source document and hardened (see {@code docs/bifrost.md};
 * the description is served at {@code /docs}). Below the configured prefix:
 * <ul>
 *   <li>{@code POST /api/auth} {@code {delegatedKey, attributes}} → 201 {@code {session_id, session_url, poll_token,
 *       confirmation_code, expires_at, interval}};</li>
 *   <li>{@code GET /api/auth/{id}}: the wallet's view (display data); with {@code Authorization: Bearer <poll_token>}
 *       or a {@code DPoP} proof the application's, which hands the token over once; {@code ?wait=N} (with the
 *       credential) long-polls up to {@value #MAX_WAIT_SECONDS} s; {@code Accept: text/event-stream} streams the
 *       state;</li>
 *   <li>{@code GET /api/auth/{id}/events}: the state as server-sent events;</li>
 *   <li>{@code POST /api/auth/{id}} {@code {token}}: the wallet's approval; {@code POST /api/auth/{id}/deny};
 *       {@code DELETE /api/auth/{id}} (with the credential): the application cancels, which deletes the session: every
 *       later read of it (either view, the events, the page) is 410 {@code session_cancelled};</li>
 *   <li>{@code POST /api/revocations} {@code {revocation}}: a wallet revokes a token it issued ({@link
 *       WalletRevocations});</li>
 *   <li>{@code POST /api/renew} (the token and a DPoP proof): a renew certificate ({@link Renewals});</li>
 *   <li>{@code GET /.well-known/bifrost-configuration} and {@code GET /.well-known/jwks.json}: what the bridge
 *       publishes about itself and its signing key ({@link BridgeDocuments});</li>
 *   <li>{@code GET /auth/session/{id}}: the session page; {@code GET /docs}: the OpenAPI description.</li>
 * </ul>
 * Refusals are problem+json with an {@code error} code ({@link BifrostProblem}); a store failure is 503. Bodies are
 * read by the protocol's {@link StrictJson}. Held requests are capped as {@code held_requests} says.
 */
public final class BifrostApi implements JsonApi, AutoCloseable {

    static final int MAX_WAIT_SECONDS = 60;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Pattern SESSION = Pattern.compile("/api/auth/([A-Za-z0-9_-]{1,64})(/deny|/events)?");
    private static final Pattern PAGE = Pattern.compile("/auth/session/([A-Za-z0-9_-]{1,64})");
    private static final String REVOCATIONS = "/api/revocations";
    private static final Logger log = LoggerFactory.getLogger(BifrostApi.class);

    private final SessionService service;
    private final SecureRandom random;
    private final DeepLink deepLink;
    private final Waiting waiting;
    private final BridgeUrls urls;
    private final WalletRevocations revocations;
    private final BridgeDocuments documents;
    private final Renewals renewals;
    private final byte[] openApi;

    /** A bridge with a signing key of its own for this process only, and no revocations (tests, benchmarks). */
    public BifrostApi(SessionService service, SecureRandom random) {
        this(service, BridgeKey.of(Ed25519KeyPair.generate(random)), new DelegationRevocationSet(), random);
    }

    /**
     * @param key         the bridge's signing key ({@link BridgeKey#loadOrCreate})
     * @param revocations where wallets' revocations go, the set the gateway's delegated routes check; renewal of a
     *                    revoked token is refused
     */
    public BifrostApi(SessionService service, BridgeKey key, DelegationRevocationSet revocations,
            SecureRandom random) {
        this.service = service;
        this.revocations = new WalletRevocations(service, revocations);
        this.random = random;
        this.deepLink = DeepLink.of(service.config().deepLinkTemplate());
        this.waiting = new Waiting(service);
        this.urls = new BridgeUrls(service.config());
        this.documents = new BridgeDocuments(service.config(), key, urls);
        this.renewals = new Renewals(service, key, revocations, urls);
        this.openApi = resource("openapi-bifrost.yaml");
    }

    @Override
    public String prefix() {
        return service.config().prefix();
    }

    @Override
    public boolean claims(String path) {
        return path.equals("/api/auth") || path.startsWith("/api/auth/") || path.startsWith("/auth/session/")
                || path.equals("/docs") || path.equals(REVOCATIONS) || path.equals(Renewals.PATH)
                || path.equals(BridgeDocuments.CONFIGURATION) || path.equals(BridgeDocuments.JWKS);
    }

    @Override
    public HeldLimits heldLimits() {
        BifrostConfig.HeldRequests h = service.config().heldRequests();
        return new HeldLimits(h.max(), h.reservedForAuthenticated(), h.perClientNetwork(), h.perSession());
    }

    @Override
    public ApiAnswer handle(ApiRequest r) {
        ClientInfo client = new ClientInfo(r.client(), r.header("User-Agent").orElse(null));
        return answered(() -> route(r, client));
    }

    private interface Call<A> {
        A run() throws BifrostProblem, StoreException;
    }

    /** Runs {@code call}; refusals and store failures become problems. */
    private static ApiAnswer answered(Call<ApiAnswer> call) {
        try {
            ApiAnswer answer = call.run();
            return answer instanceof ApiResponse r ? cors(r) : answer;
        } catch (BifrostProblem | StoreException e) {
            return cors(failed(e));
        }
    }

    /** The same for a call that answers at once (a long-poll woken up). */
    private static ApiResponse responded(Call<ApiResponse> call) {
        try {
            return cors(call.run());
        } catch (BifrostProblem | StoreException e) {
            return cors(failed(e));
        }
    }

    private static ApiResponse failed(Exception e) {
        if (e instanceof BifrostProblem p) {
            return p.toResponse();
        }
        log.warn("the Bifrost session store failed: {}", e.getMessage());
        return BifrostProblem.unavailable().toResponse();
    }

    /** Lets browser applications on any origin call the API (no cookies are involved: credentials are headers). */
    private static ApiResponse cors(ApiResponse r) {
        return r.contentType().startsWith("text/html") ? r
                : r.withHeader("Access-Control-Allow-Origin", "*")
                        .withHeader("Access-Control-Expose-Headers", "Location, Retry-After");
    }

    private ApiAnswer route(ApiRequest r, ClientInfo client) throws BifrostProblem, StoreException {
        String path = r.path();
        String method = r.method();
        if (method.equals("OPTIONS")) {
            return preflight();
        }
        if (path.equals("/docs")) {
            requireMethod(method, "GET");
            return new ApiResponse(200, "application/yaml; charset=utf-8", openApi, Map.of());
        }
        if (path.equals("/api/auth")) {
            requireMethod(method, "POST");
            return open(r, client);
        }
        if (path.equals(REVOCATIONS)) {
            requireMethod(method, "POST");
            return ApiResponse.json(200, revocations.revoke(requiredText(body(r), "revocation")));
        }
        if (path.equals(Renewals.PATH)) {
            requireMethod(method, "POST");
            return renewals.renew(r);
        }
        if (path.equals(BridgeDocuments.CONFIGURATION)) {
            requireMethod(method, "GET");
            return documents.configuration(r);
        }
        if (path.equals(BridgeDocuments.JWKS)) {
            requireMethod(method, "GET");
            return documents.jwks();
        }
        Matcher page = PAGE.matcher(path);
        if (page.matches()) {
            requireMethod(method, "GET");
            return page(r, page.group(1));
        }
        Matcher m = SESSION.matcher(path);
        if (!m.matches()) {
            throw path.startsWith("/api/auth/") ? BifrostProblem.unknownSession() : BifrostProblem.notFound(path);
        }
        String id = m.group(1);
        String sub = m.group(2) == null ? "" : m.group(2);
        return switch (sub) {
            case "/deny" -> {
                requireMethod(method, "POST");
                service.deny(id, client);
                yield success();
            }
            case "/events" -> {
                requireMethod(method, "GET");
                yield events(r, service.find(id), client);
            }
            default -> switch (method) {
                case "GET" -> read(r, id, client); // not HEAD: a read may hand the token over
                case "POST" -> {
                    service.approve(id, requiredText(body(r), "token"), client);
                    yield success();
                }
                case "DELETE" -> {
                    cancel(r, id, client);
                    yield success();
                }
                default -> throw BifrostProblem.methodNotAllowed("GET, POST, DELETE");
            };
        };
    }

    // ---------------------------------------------------------------- calls

    private ApiResponse open(ApiRequest r, ClientInfo client) throws BifrostProblem, StoreException {
        JsonNode body = body(r);
        Session.Opened opened = service.open(requiredText(body, "delegatedKey"), body.get("attributes"), client);
        Session s = opened.session();
        String sessionUrl = urls.base(r) + "/auth/session/" + s.id().text();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session_id", s.id().text());
        out.put("session_url", sessionUrl);
        out.put("poll_token", opened.pollToken().reveal());
        out.put("confirmation_code", s.confirmationCode().display());
        out.put("expires_at", s.expiresAt().getEpochSecond());
        out.put("interval", service.config().pollInterval().toSeconds());
        out.put("deep_link", deepLink.expand(s.id(), sessionUrl));
        return ApiResponse.json(201, out).withHeader("Location", sessionUrl);
    }

    /** {@code GET /api/auth/{id}}: the wallet's view, or the application's with the token; long-poll or stream. */
    private ApiAnswer read(ApiRequest r, String id, ClientInfo client) throws BifrostProblem, StoreException {
        Session s = service.find(id);
        if (r.header("Accept").filter(a -> a.toLowerCase(Locale.ROOT).contains("text/event-stream")).isPresent()) {
            return events(r, s, client);
        }
        AppCredential credential = credential(r, s, client);
        int wait = waitSeconds(r);
        if (wait > 0 && credential instanceof AppCredential.None) {
            throw BifrostProblem.credentialRequired("a long-poll (?wait=)");
        }
        Reader reader = new Reader(credential, client);
        boolean pending = s.state(service.now()) == SessionState.PENDING;
        if (wait > 0 && pending) {
            return waiting.until(s, Duration.ofSeconds(wait), hold(s, credential),
                    woken -> responded(() -> reader.answer(service.reload(woken))));
        }
        if (!(credential instanceof AppCredential.None) && pending
                && !waiting.pacer().admit(s.id(), service.now().toEpochMilli())) {
            throw BifrostProblem.slowDown(service.config().pollInterval());
        }
        return reader.answer(s);
    }

    /**
     * The session's state as server-sent events: the state only, so anyone with the id may follow it (the session
     * page does); with the application's credential it counts as an authenticated hold.
     */
    private ApiAnswer events(ApiRequest r, Session s, ClientInfo client) throws BifrostProblem {
        return waiting.events(s, hold(s, credential(r, s, client)));
    }

    /**
     * {@code DELETE /api/auth/{id}}: the application's cancel, so with its credential (the session id alone is in
     * the QR code, and a bystander could cancel an approved login); in strict original mode, as the document has it.
     */
    private void cancel(ApiRequest r, String id, ClientInfo client) throws BifrostProblem, StoreException {
        if (!service.config().strictOriginal()
                && credential(r, service.find(id), client) instanceof AppCredential.None) {
            throw BifrostProblem.credentialRequired("cancelling a session");
        }
        service.cancel(id, client);
    }

    /** The request's application credential, checked against the session if there is one. */
    private AppCredential credential(ApiRequest r, Session s, ClientInfo client) throws BifrostProblem {
        AppCredential credential = AppCredential.of(r.header("Authorization"), r.header("DPoP"));
        if (!(credential instanceof AppCredential.None)) {
            service.authenticateApp(s, credential, r.method(), urls.base(r) + r.path(), client);
        }
        return credential;
    }

    /** How a held request on {@code s} counts: per session, and authenticated if a credential was checked. */
    private static Hold hold(Session s, AppCredential credential) {
        return new Hold(s.id().hashed(), !(credential instanceof AppCredential.None));
    }

    /** Answers a read of a session for one caller: the wallet's view, the document's, or the application's. */
    private final class Reader {
        private final AppCredential credential;
        private final ClientInfo client;

        Reader(AppCredential credential, ClientInfo client) {
            this.credential = credential;
            this.client = client;
        }

        ApiResponse answer(Session s) throws BifrostProblem, StoreException {
            Instant now = service.now();
            service.requireAlive(s); // a long-poll woken by the session's end
            if (service.config().strictOriginal()) {
                return ApiResponse.json(200, view(s, now, s.token(now)));
            }
            if (credential instanceof AppCredential.None) {
                return ApiResponse.json(200, view(s, now, Optional.empty()));
            }
            Session.Handover handover = service.handOver(s, client);
            waiting.pacer().forget(s.id());
            return ApiResponse.json(200, view(handover.session(), now, Optional.of(handover.token())));
        }
    }

    private ApiResponse page(ApiRequest r, String id) throws BifrostProblem, StoreException {
        Session s = service.find(id);
        Instant now = service.now();
        String sessionUrl = urls.base(r) + "/auth/session/" + s.id().text();
        SessionPage.Rendered page = SessionPage.render(SessionPage.Model.of(s.request().attributes(),
                s.confirmationCode().display(), deepLink.expand(s.id(), sessionUrl), s.expiresAt(), now,
                state(s, now), urls.basePath() + "/api/auth/" + s.id().text() + "/events"), random);
        return new ApiResponse(200, "text/html; charset=utf-8", page.html().getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Security-Policy", page.contentSecurityPolicy(),
                        "X-Content-Type-Options", "nosniff",
                        "X-Frame-Options", "DENY",
                        "Referrer-Policy", "no-referrer"));
    }

    // ---------------------------------------------------------------- views and helpers

    /**
     * The session as the document shows it, plus its confirmation code, state and the longest token lifetime this
     * bridge accepts (so a wallet can sign one it will take); the token only if given.
     */
    private Map<String, Object> view(Session s, Instant now, Optional<String> token) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("delegatedKey", s.request().delegatedKey().toBase58());
        v.put("expiresAt", s.expiresAt().getEpochSecond());
        v.put("attributes", s.request().attributes().toJsonNode());
        v.put("confirmation_code", s.confirmationCode().display());
        v.put("state", state(s, now));
        v.put("max_token_lifetime", service.config().maxTokenLifetime().toSeconds());
        token.ifPresent(t -> v.put("token", t));
        return v;
    }

    static String state(Session s, Instant now) {
        return stateName(s.state(now));
    }

    /** A state as the API writes it: {@code pending}, {@code approved}, … */
    static String stateName(SessionState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static ApiResponse success() {
        return ApiResponse.json(200, Map.of("status", "success"));
    }

    private static void requireMethod(String method, String allowed) throws BifrostProblem {
        if (!method.equals(allowed) && !(allowed.equals("GET") && method.equals("HEAD"))) {
            throw BifrostProblem.methodNotAllowed(allowed);
        }
    }

    /**
     * The body as one JSON object, read strictly: a duplicate key, content after it or a number out of a double's
     * range is refused, so the bridge never acts on a different reading of the body than another parser's.
     */
    private static JsonNode body(ApiRequest r) throws BifrostProblem {
        try {
            return StrictJson.readObject(r.body(), "the request body");
        } catch (StrictJson.InvalidJsonException e) {
            throw BifrostProblem.invalidRequest(switch (e.problem()) {
                case TOO_DEEP -> "the request body is nested deeper than " + StrictJson.MAX_NESTING_DEPTH + " levels";
                case NOT_AN_OBJECT -> "the request body must be a JSON object";
                case INVALID -> "the request body is not valid JSON";
                default -> e.getMessage();
            });
        }
    }

    private static String requiredText(JsonNode body, String member) throws BifrostProblem {
        JsonNode v = body.get(member);
        if (v == null || !v.isTextual()) {
            throw BifrostProblem.invalidRequest("the request body needs \"" + member + "\" as a string");
        }
        return v.asText();
    }

    private static int waitSeconds(ApiRequest r) throws BifrostProblem {
        Optional<String> w = r.queryParameter("wait");
        if (w.isEmpty()) {
            return 0;
        }
        String text = w.get();
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) > MAX_WAIT_SECONDS) {
            throw BifrostProblem.invalidRequest("wait must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS);
        }
        return Integer.parseInt(text);
    }

    private static ApiResponse preflight() {
        return new ApiResponse(204, "text/plain", new byte[0], Map.of(
                "Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS",
                "Access-Control-Allow-Headers", "Authorization, Content-Type, DPoP, Accept",
                "Access-Control-Max-Age", "600"));
    }

    private static byte[] resource(String name) {
        try (InputStream in = BifrostApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the gateway's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the long-poll and expiry timers. */
    @Override
    public void close() {
        waiting.close();
    }
}
