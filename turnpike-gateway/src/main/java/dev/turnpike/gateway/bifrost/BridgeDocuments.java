package dev.turnpike.gateway.bifrost;

import dev.turnpike.gateway.config.BifrostConfig;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bridge publishes about itself, below its base URL: {@code /.well-known/bifrost-configuration} (its
 * endpoints, session and token limits, algorithms, renewal settings) and {@code /.well-known/jwks.json} (its signing
 * key, which signs renew certificates, as an RFC 8037 JWK whose {@code kid} is the base58 key).
 */
final class BridgeDocuments {

    static final String CONFIGURATION = "/.well-known/bifrost-configuration";
    static final String JWKS = "/.well-known/jwks.json";
    /** Where wallets revoke delegations (served by the revocation part of the bridge). */
    static final String REVOCATIONS = "/api/revocations";
    private static final List<String> ALGORITHMS = List.of("Ed25519", "EdDSA");

    private final BifrostConfig config;
    private final BridgeKey key;
    private final BridgeUrls urls;

    BridgeDocuments(BifrostConfig config, BridgeKey key, BridgeUrls urls) {
        this.config = config;
        this.key = key;
        this.urls = urls;
    }

    ApiResponse configuration(ApiRequest r) throws BifrostProblem {
        String base = urls.base(r);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("issuer", base);
        c.put("bridge_key", key.id());
        c.put("jwks_uri", base + JWKS);
        c.put("sessions_endpoint", base + "/api/auth");
        c.put("token_endpoint", base + "/api/auth/{session_id}");
        c.put("session_page", base + "/auth/session/{session_id}");
        c.put("renewal_endpoint", base + Renewals.PATH);
        c.put("revocation_endpoint", base + REVOCATIONS);
        c.put("documentation", base + "/docs");
        c.put("session_ttl", config.sessionTtl().toSeconds());
        c.put("poll_interval", config.pollInterval().toSeconds());
        c.put("max_token_lifetime", config.maxTokenLifetime().toSeconds());
        c.put("clock_skew", config.clockSkew().toSeconds());
        c.put("token_signing_alg_values_supported", ALGORITHMS);
        c.put("dpop_signing_alg_values_supported", ALGORITHMS);
        c.put("renewal", Map.of(
                "certificate_lifetime", config.renewal().certificateLifetime().toSeconds(),
                "max_horizon", config.renewal().maxHorizon().toSeconds(),
                "certificate_tkt", "renewcrt",
                "renew_token_tkt", "renew"));
        return cacheable(ApiResponse.json(200, c));
    }

    ApiResponse jwks() {
        return cacheable(ApiResponse.json(200, Map.of("keys", List.of(key.jwk()))));
    }

    private static ApiResponse cacheable(ApiResponse r) {
        return r.withHeader("Cache-Control", "public, max-age=300");
    }
}
