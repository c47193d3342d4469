package dev.turnpike.gateway.bifrost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.turnpike.bifrost.session.DeepLink;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.gateway.hosting.ApiAnswer;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.l402.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
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
 *       or a {@code DPoP} proof the application's, which hands the token over once; {@code ?wait=N} long-polls up to
 *       {@value #MAX_WAIT_SECONDS} s; {@code Accept: text/event-stream} streams the state;</li>
 *   <li>{@code GET /api/auth/{id}/events}: the state as server-sent events;</li>
 *   <li>{@code POST /api/auth/{id}} {@code {token}}: the wallet's approval; {@code POST /api/auth/{id}/deny};
 *       {@code DELETE /api/auth/{id}}: the application cancels;</li>
 *   <li>{@code GET /auth/session/{id}}: the session page; {@code GET /docs}: the OpenAPI description.</li>
 * </ul>
 * Refusals are problem+json with an {@code error} code ({@link BifrostProblem}); a store failure is 503.
 */
public final class BifrostApi implements JsonApi, AutoCloseable {

    static final int MAX_WAIT_SECONDS = 60;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** Nesting of a request body: the attributes' own limit is checked by {@code Attributes}. */
    private static final int MAX_BODY_DEPTH = 16;
    private static final Pattern SESSION = Pattern.compile("/api/auth/([A-Za-z0-9_-]{1,64})(/deny|/events)?");
    private static final Pattern PAGE = Pattern.compile("/auth/session/([A-Za-z0-9_-]{1,64})");
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?");
    private static final Logger log = LoggerFactory.getLogger(BifrostApi.class);
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_BODY_DEPTH).build())
                    .build())
            .build();
    private static final ObjectMapper PRETTY = new ObjectMapper();

    private final SessionService service;
    private final SecureRandom random;
    private final DeepLink deepLink;
    private final Waiting waiting;
    private final byte[] openApi;

    public BifrostApi(SessionService service, SecureRandom random) {
        this.service = service;
        this.random = random;
        this.deepLink = DeepLink.of(service.config().deepLinkTemplate());
        this.waiting = new Waiting(service);
        this.openApi = resource("openapi-bifrost.yaml");
    }

    @Override
    public String prefix() {
        return service.config().prefix();
    }

    @Override
    public boolean claims(String path) {
        return path.equals("/api/auth") || path.startsWith("/api/auth/") || path.startsWith("/auth/session/")
                || path.equals("/docs");
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
                yield waiting.events(service.find(id));
            }
            default -> switch (method) {
                case "GET" -> read(r, id, client); // not HEAD: a read may hand the token over
                case "POST" -> {
                    service.approve(id, requiredText(body(r), "token"), client);
                    yield success();
                }
                case "DELETE" -> {
                    service.cancel(id, client);
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
        String sessionUrl = base(r) + "/auth/session/" + s.id().text();
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
            return waiting.events(s);
        }
        AppCredential credential = AppCredential.of(r.header("Authorization"), r.header("DPoP"));
        if (!(credential instanceof AppCredential.None)) {
            service.authenticateApp(s, credential, "GET", base(r) + r.path(), client);
        }
        Reader reader = new Reader(credential, client);
        int wait = waitSeconds(r);
        boolean pending = s.state(service.now()) == SessionState.PENDING;
        if (wait > 0 && pending) {
            return waiting.until(s, Duration.ofSeconds(wait), woken -> responded(() -> reader.answer(service.reload(woken))));
        }
        if (!(credential instanceof AppCredential.None) && pending
                && !waiting.pacer().admit(s.id(), service.now().toEpochMilli())) {
            throw BifrostProblem.slowDown(service.config().pollInterval());
        }
        return reader.answer(s);
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
            if (s.state(now) == SessionState.EXPIRED) {
                throw BifrostProblem.expired();
            }
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
        String sessionUrl = base(r) + "/auth/session/" + s.id().text();
        JsonNode permissions = s.request().attributes().toJsonNode().get("permissions");
        SessionPage.Rendered page = SessionPage.render(new SessionPage.Model(
                s.request().attributes().name().orElse(null),
                permissions == null ? null : pretty(permissions),
                s.confirmationCode().display(),
                deepLink.expand(s.id(), sessionUrl),
                s.expiresAt(), now, state(s, now),
                basePath() + "/api/auth/" + s.id().text() + "/events"), random);
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

    private static JsonNode body(ApiRequest r) throws BifrostProblem {
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage().contains("nesting depth") ? "nested deeper than " + MAX_BODY_DEPTH
                    + " levels" : "not valid JSON";
            throw BifrostProblem.invalidRequest("the request body is " + why);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (json == null || !json.isObject()) {
            throw BifrostProblem.invalidRequest("the request body must be a JSON object");
        }
        return json;
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

    /** The bridge's URL as the client reaches it: public_base_url, or the request's scheme and Host; plus prefix. */
    private String base(ApiRequest r) throws BifrostProblem {
        Optional<URI> configured = service.config().publicBaseUrl();
        if (configured.isPresent()) {
            return configured.get() + prefix();
        }
        String host = r.header("Host").orElse("");
        if (!HOST.matcher(host).matches()) {
            throw BifrostProblem.invalidRequest("the Host header is missing or not a host name");
        }
        return r.scheme() + "://" + host + prefix();
    }

    private String basePath() {
        return service.config().publicBaseUrl().map(u -> u.getRawPath() == null ? "" : u.getRawPath()).orElse("")
                + prefix();
    }

    private static String pretty(JsonNode node) {
        try {
            return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
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
