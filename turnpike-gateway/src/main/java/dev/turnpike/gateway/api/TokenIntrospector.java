package dev.turnpike.gateway.api;

import dev.turnpike.bifrost.AccessVerifier;
import dev.turnpike.bifrost.Audience;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.TimePolicy;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.IdentifierFormatException;
import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.RequestContext;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.VerificationResult;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.store.api.TokenLedger;
import dev.turnpike.store.api.TokenRecord;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Token introspection (RFC 7662's answer) for services behind no gateway: whether a token is active now, and what
 * it carries. An L402 token (the whole {@code L402 mac:preimage} value or the {@code mac:preimage} part; a colon
 * tells it from a delegated token, which has none) must be one this gateway's books know, and verify for its
 * service: preimage, signature, not revoked, not expired. A Bifrost delegated token must verify (signature, times
 * with the default clock skew, any issuer: per-service allow-lists and rules are the routes' business) and not be
 * revoked. Anything else is {@code {"active": false}}, with no reason (RFC 7662 section 2.2).
 */
public final class TokenIntrospector {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final L402Verifier l402;
    private final TokenLedger ledger;
    private final DelegationRevocationSet delegations;
    private final AccessVerifier bifrost;
    private final Clock clock;

    public TokenIntrospector(L402Verifier l402, TokenLedger ledger, DelegationRevocationSet delegations, Clock clock) {
        this.l402 = l402;
        this.ledger = ledger;
        this.delegations = delegations;
        this.bifrost = AccessVerifier.builder().anyIssuer()
                .timePolicy(new TimePolicy(TimePolicy.DEFAULT_CLOCK_SKEW, TimePolicy.MAX_LIFETIME_LIMIT)).build();
        this.clock = clock;
    }

    /** The answer's members for {@code token}. */
    public Map<String, Object> introspect(String token) throws StoreException {
        String t = token.strip();
        return t.indexOf(':') >= 0 ? l402(t) : delegated(t);
    }

    private Map<String, Object> l402(String token) throws StoreException {
        boolean withScheme = token.regionMatches(true, 0, "L402 ", 0, 5) || token.regionMatches(true, 0, "LSAT ", 0, 5);
        if (!(L402Headers.parseAuthorizationValue(withScheme ? token : "L402 " + token)
                instanceof ParseResult.Ok<Credential>(Credential credential))) {
            return INACTIVE;
        }
        Optional<TokenRecord> record;
        try {
            record = ledger.find(L402Identifier.decode(credential.macaroon().identifier()).tokenId());
        } catch (IdentifierFormatException e) {
            return INACTIVE;
        }
        if (record.isEmpty()) {
            return INACTIVE;
        }
        String service = record.get().token().service();
        if (!(l402.verify(credential, RequestContext.forService(service))
                instanceof VerificationResult.Valid valid)) {
            return INACTIVE;
        }
        Map<String, Object> out = active("L402");
        out.put("token_id", valid.tokenId().toHex());
        out.put("service", service);
        out.put("iat", record.get().token().issuedAt().getEpochSecond());
        valid.expiresAt().ifPresent(e -> out.put("exp", e.getEpochSecond()));
        out.put("caveats", valid.caveats().stream().filter(c -> !c.condition().equals(L402Caveat.PREIMAGE))
                .map(L402Caveat::encode).toList());
        return out;
    }

    private Map<String, Object> delegated(String token) {
        if (!(bifrost.verifyToken(token, clock.instant())
                instanceof Verification.Verified<DelegationToken>(DelegationToken t))
                || delegations.isRevoked(TokenHash.of(token), t.issuer())) {
            return INACTIVE;
        }
        Map<String, Object> out = active("bifrost");
        out.put("sub", t.issuer().toBase58());
        out.put("client_id", t.delegatedKey().toBase58());
        Optional<Permissions> permissions = t.attributes().permissions();
        permissions.flatMap(Permissions::scopes).ifPresent(s -> out.put("scope", String.join(" ", new TreeSet<>(s))));
        out.put("exp", t.expiration().getEpochSecond());
        out.put("iat", t.created().getEpochSecond());
        permissions.flatMap(Permissions::resources).ifPresent(r -> out.put("resources", sorted(r)));
        t.attributes().audience().map(Audience::urls).ifPresent(a -> out.put("aud", a));
        t.attributes().name().ifPresent(n -> out.put("name", n));
        return out;
    }

    private static Map<String, Object> active(String type) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        out.put("token_type", type);
        return out;
    }

    private static Map<String, List<String>> sorted(Map<String, Set<String>> resources) {
        Map<String, List<String>> out = new TreeMap<>();
        resources.forEach((kind, ids) -> out.put(kind, List.copyOf(new TreeSet<>(ids))));
        return out;
    }
}
