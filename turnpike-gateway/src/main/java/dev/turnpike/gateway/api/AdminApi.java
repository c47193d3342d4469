package dev.turnpike.gateway.api;

import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.gateway.ledger.RevocationEvents;
import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.l402.TokenId;
import dev.turnpike.lightning.node.HealthReporting;
import dev.turnpike.lightning.node.NodeHealth;
import dev.turnpike.store.api.DelegationRevocation;
import dev.turnpike.store.api.ServiceTotals;
import dev.turnpike.store.api.TokenLedger;
import dev.turnpike.store.api.TokenRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's API, on the admin listener (loopback by default). {@code /healthz} and
 * {@code /metrics} (Prometheus) are open, like any scrape target; {@code /api/…} needs
 * {@code Authorization: Bearer <admin secret>}:
 * <ul>
 *   <li>{@code GET /api/tokens?service=&limit=}: the newest tokens first (limit 1–1000, default 100);</li>
 *   <li>{@code GET /api/tokens/{token_id}};</li>
 *   <li>{@code POST /api/tokens/{token_id}/revoke}: recorded, and refused by the gateway from the next request on;</li>
 *   <li>{@code POST /api/delegations/{sha256}/revoke}: the Bifrost delegated token of that hash (64 hex digits),
 *       whoever issued it; idempotent, and an unknown hash is recorded too (the gateway keeps no list of
 *       delegated tokens);</li>
 *   <li>{@code POST /api/tokens/introspect}: RFC 7662 token introspection, form-encoded {@code token=…} (an optional
 *       {@code token_type_hint} is ignored: the token's form tells), answered by the {@link TokenIntrospector};</li>
 *   <li>{@code GET /api/services}: tokens issued and paid, and revenue, per service;</li>
 *   <li>{@code GET|POST /api/devwallets}: the embedded node's dev wallets, see {@link AdminDevWallets}.</li>
 * </ul>
 */
public final class AdminApi implements JsonApi {

    private static final Pattern TOKEN = Pattern.compile("/api/tokens/([0-9a-fA-F]{64})(/revoke)?");
    private static final String INTROSPECT = "/api/tokens/introspect";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern DELEGATION = Pattern.compile("/api/delegations/([0-9a-fA-F]{64})/revoke");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final TokenLedger ledger;
    private final RevocationSet revocations;
    private final DelegationRevocationSet delegations;
    private final TokenIntrospector introspector;
    private final AdminSecret secret;
    private final Supplier<String> metrics;
    private final HealthReporting lightning;
    private final Clock clock;
    private AdminDevWallets devWallets = AdminDevWallets.absent("this gateway has no dev wallets: they exist only"
            + " on the embedded Lightning node with its dev wallet API on");

    /** An admin API whose delegation revocations go to a set of its own, in memory, without introspection (tests). */
    public AdminApi(TokenLedger ledger, RevocationSet revocations, AdminSecret secret, Supplier<String> metrics,
            HealthReporting lightning, Clock clock) {
        this(ledger, revocations, new DelegationRevocationSet(), null, secret, metrics, lightning, clock);
    }

    /**
     * {@code delegations}: the revoked delegated tokens the gateway's routes check; {@code introspector}: answers
     * {@code /api/tokens/introspect} (null: no such endpoint); {@code lightning}: the invoice backend's
     * reachability, shown by {@code /healthz}.
     */
    public AdminApi(TokenLedger ledger, RevocationSet revocations, DelegationRevocationSet delegations,
            TokenIntrospector introspector, AdminSecret secret, Supplier<String> metrics, HealthReporting lightning,
            Clock clock) {
        this.ledger = ledger;
        this.delegations = delegations;
        this.introspector = introspector;
        this.lightning = lightning;
        this.revocations = revocations;
        this.secret = secret;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Serves {@code /api/devwallets} with these (before the gateway starts); without, each request is a 404. */
    public AdminApi devWallets(AdminDevWallets wallets) {
        this.devWallets = wallets;
        return this;
    }

    /**
     * Always 200 while the gateway serves (paid tokens keep working without the node): {@code status} is
     * {@code degraded} while the Lightning backend is down, when no new token can be sold.
     */
    private ApiResponse health() {
        NodeHealth node = lightning.health();
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("status", node.status().name().toLowerCase(Locale.ROOT));
        backend.put("since", node.since().toString());
        if (!node.reason().isEmpty()) {
            backend.put("reason", node.reason());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", node.status() == NodeHealth.Status.DOWN ? "degraded" : "ok");
        body.put("lightning", backend);
        return ApiResponse.json(200, body);
    }

    @Override
    public String prefix() {
        return "";
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws Exception {
        String path = request.path();
        if (path.equals("/healthz")) {
            return get(request, this::health);
        }
        if (path.equals("/metrics")) {
            return get(request, () -> ApiResponse.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        }
        if (!path.startsWith("/api/")) {
            return ApiResponse.problem(404, "Not Found", "no such admin endpoint: " + path);
        }
        if (!secret.authorizes(request.header("Authorization").orElse(null))) {
            return ApiResponse.problem(401, "Unauthorized", "send Authorization: Bearer <admin secret>;"
                    + " the secret is in admin.secret in the gateway's state folder")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"turnpike-admin\"");
        }
        if (path.equals("/api/tokens")) {
            return get(request, () -> list(request));
        }
        if (path.equals("/api/services")) {
            return get(request, () -> ApiResponse.json(200, Map.of("services",
                    ledger.totals().stream().map(AdminApi::totals).toList())));
        }
        if (path.equals(AdminDevWallets.PATH)) {
            return devWallets.handle(request);
        }
        if (path.equals(INTROSPECT) && introspector != null) {
            return introspect(request);
        }
        Matcher delegation = DELEGATION.matcher(path);
        if (delegation.matches()) {
            return revokeDelegation(request, TokenHash.fromHex(delegation.group(1)));
        }
        Matcher m = TOKEN.matcher(path);
        if (!m.matches()) {
            return ApiResponse.problem(404, "Not Found", "no such admin endpoint: " + path);
        }
        TokenId id = TokenId.fromHex(m.group(1));
        if (m.group(2) == null) {
            return get(request, () -> ledger.find(id)
                    .map(r -> ApiResponse.json(200, token(r)))
                    .orElseGet(() -> unknown(id)));
        }
        if (!request.method().equals("POST")) {
            return ApiResponse.problem(405, "Method Not Allowed", "revoke with POST").withHeader("Allow", "POST");
        }
        Instant now = clock.instant();
        if (!ledger.revoke(id, now)) {
            return unknown(id);
        }
        revocations.revoke(id);
        RevocationEvents.token(id, "admin");
        return ApiResponse.json(200, token(ledger.find(id).orElseThrow()));
    }

    /** The operator's revocation: refuses the token of that hash whoever issued it, from the next request on. */
    private ApiResponse revokeDelegation(ApiRequest request, TokenHash hash) throws Exception {
        if (!request.method().equals("POST")) {
            return ApiResponse.problem(405, "Method Not Allowed", "revoke with POST").withHeader("Allow", "POST");
        }
        Instant now = clock.instant();
        delegations.revoke(new DelegationRevocation(hash, Optional.empty(), now, Optional.empty()));
        RevocationEvents.delegation(hash, "admin");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_hash", hash.toHex());
        body.put("revoked", true);
        body.put("revoked_at", now.toString());
        return ApiResponse.json(200, body);
    }

    /** RFC 7662: a form with {@code token}; the answer is JSON, {@code {"active": false}} for anything not active. */
    private ApiResponse introspect(ApiRequest request) throws Exception {
        if (!request.method().equals("POST")) {
            return ApiResponse.problem(405, "Method Not Allowed", "introspect with POST").withHeader("Allow", "POST");
        }
        if (!request.header("Content-Type").map(t -> t.toLowerCase(Locale.ROOT).startsWith(FORM)).orElse(false)) {
            return ApiResponse.problem(415, "Unsupported Media Type", "send the token as " + FORM + ": token=…");
        }
        Optional<String> token;
        try {
            token = Forms.field(request.body(), "token");
        } catch (IllegalArgumentException e) {
            return ApiResponse.problem(400, "Bad Request", "the form is not valid " + FORM + ": " + e.getMessage());
        }
        if (token.isEmpty() || token.get().isBlank()) {
            return ApiResponse.problem(400, "Bad Request", "the form needs a token field");
        }
        return ApiResponse.json(200, introspector.introspect(token.get()));
    }

    private ApiResponse list(ApiRequest request) throws Exception {
        int limit = DEFAULT_LIMIT;
        Optional<String> limitText = request.queryParameter("limit");
        if (limitText.isPresent()) {
            try {
                limit = Integer.parseInt(limitText.get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return ApiResponse.problem(400, "Bad Request", "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        List<Map<String, Object>> tokens = ledger.list(request.queryParameter("service"), limit).stream()
                .map(AdminApi::token).toList();
        return ApiResponse.json(200, Map.of("tokens", tokens));
    }

    private interface Answer {
        ApiResponse get() throws Exception;
    }

    private static ApiResponse get(ApiRequest request, Answer answer) throws Exception {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return ApiResponse.problem(405, "Method Not Allowed", "use GET").withHeader("Allow", "GET, HEAD");
        }
        return answer.get();
    }

    private static ApiResponse unknown(TokenId id) {
        return ApiResponse.problem(404, "Not Found", "no token " + id.toHex() + " was issued by this gateway");
    }

    private static Map<String, Object> token(TokenRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token_id", r.token().tokenId().toHex());
        m.put("payment_hash", r.token().paymentHash().toHex());
        m.put("service", r.token().service());
        m.put("price_msat", r.token().priceMsat());
        m.put("issued_at", r.token().issuedAt().toString());
        m.put("expires_at", r.token().expiresAt() == null ? null : r.token().expiresAt().toString());
        m.put("settled_at", r.settledAt() == null ? null : r.settledAt().toString());
        m.put("revoked_at", r.revokedAt() == null ? null : r.revokedAt().toString());
        m.put("invoice", r.token().invoice());
        return m;
    }

    private static Map<String, Object> totals(ServiceTotals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", t.service());
        m.put("tokens_issued", t.issued());
        m.put("tokens_paid", t.settled());
        m.put("revenue_msat", t.revenueMsat());
        return m;
    }
}
