package dev.turnpike.gateway.pipeline;

import dev.turnpike.bifrost.AccessVerifier;
import dev.turnpike.bifrost.Audience;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.PopExpectation;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.PopVerifier;
import dev.turnpike.bifrost.Reason;
import dev.turnpike.bifrost.RenewCertificate;
import dev.turnpike.bifrost.RenewToken;
import dev.turnpike.bifrost.RenewVerifier;
import dev.turnpike.bifrost.TimePolicy;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.metrics.ServiceMetrics;
import dev.turnpike.gateway.route.DelegationPolicy;
import dev.turnpike.gateway.route.DelegationPolicy.ProofMode;
import dev.turnpike.gateway.route.DelegationRule;
import dev.turnpike.gateway.route.ServiceRoute;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service that takes Bifrost delegated tokens ({@code auth: bifrost}, or the delegated half of {@code either}).
 * In order: whitelisted paths and CORS preflights pass; a request without a delegated credential goes to
 * {@code withoutToken} (a 401 challenge, or the L402 authenticator of an {@code either} service); a never-delegable
 * request is 403; the token is verified ({@link AccessVerifier}: signature, times with the clock skew, issuer
 * allow-list; a renew token in its place by {@link RenewVerifier}: a trusted bridge's certificate, valid now, for a
 * token of the allowed issuers, signed by its delegated key) and must not be revoked ({@link DelegationRevocationSet}:
 * by its issuer or the operator, else 401 {@code revoked}; for a renew token, its token), or taken from the
 * per-event-loop cache ({@link VerifiedDelegations}, which drops it once revoked); the DPoP proof (for a renew
 * token: its hash in {@code ath}) is verified as
 * {@code pop} says ({@link PopVerifier}: key, method, URL as the client used it, token hash, window, replay); the
 * token's {@code aud}, when it has one, must name the API (the origin the client used, else 403); the
 * first matching rule must exist and the token must grant its scope and resources (else 403). The upstream then
 * gets the identity headers ({@link DelegatedIdentity}). On a service's GraphQL endpoint, {@link GraphqlGuard} has
 * already read the body and refused never-delegable root fields, before this runs.
 */
final class DelegatedAuthenticator implements Authenticator {

    private static final String X_FORWARDED_PROTO = "x-forwarded-proto";
    private static final String X_FORWARDED_HOST = "x-forwarded-host";

    private final ServiceRoute route;
    private final DelegationPolicy policy;
    private final AccessVerifier tokens;
    private final RenewVerifier renewTokens;
    private final PopVerifier proofs;
    private final Authenticator withoutToken;
    private final DelegationAnswers answers;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final FastThreadLocal<VerifiedDelegations> verified;

    DelegatedAuthenticator(ServiceRoute route, DelegationPolicy policy, PopVerifier proofs,
            List<Ed25519PublicKey> bridgeKeys, Authenticator withoutToken, DelegationAnswers answers,
            ServiceMetrics metrics, DelegationRevocationSet revocations, Clock clock) {
        this.route = route;
        this.policy = policy;
        AccessVerifier.Builder b = AccessVerifier.builder()
                .timePolicy(new TimePolicy(policy.clockSkew(), TimePolicy.MAX_LIFETIME_LIMIT));
        this.tokens = (policy.issuers().isEmpty() ? b.anyIssuer() : b.trustedIssuers(policy.issuers())).build();
        List<Ed25519PublicKey> bridges = new ArrayList<>(bridgeKeys);
        bridges.addAll(policy.bridges());
        this.renewTokens = new RenewVerifier(bridges, tokens);
        this.proofs = proofs;
        this.withoutToken = withoutToken;
        this.answers = answers;
        this.metrics = metrics;
        this.clock = clock;
        this.verified = new FastThreadLocal<>() {
            @Override
            protected VerifiedDelegations initialValue() {
                return new VerifiedDelegations(revocations);
            }
        };
    }

    @Override
    public void authenticate(Exchange exchange, Chain next) {
        if (route.isWhitelisted(exchange.path)) {
            exchange.auth = "free";
            next.proceed(exchange);
            return;
        }
        if (Responses.isPreflight(exchange.request)) {
            exchange.respond(Responses.preflight(exchange.request), Outcome.PREFLIGHT);
            return;
        }
        DelegatedCredential credential = DelegatedCredential.of(exchange.request.headers());
        if (credential == null) {
            withoutToken.authenticate(exchange, next);
        } else if (credential.token() == null) {
            exchange.refused("malformed_credential");
            exchange.respond(answers.malformed(credential.problem()), Outcome.UNAUTHORIZED);
        } else {
            authenticate(exchange, next, credential);
        }
    }

    private void authenticate(Exchange exchange, Chain next, DelegatedCredential credential) {
        String method = exchange.request.method().name();
        DelegationRule never = policy.neverDelegableFor(method, exchange.path);
        if (never != null) {
            forbid(exchange, "never_delegable", "a delegated token never allows " + never.describe()
                    + ": use the wallet itself", "rule", never.describe());
            return;
        }
        VerifiedDelegations.Entry entry = token(exchange, credential.token());
        if (entry == null || !proofAccepted(exchange, credential, entry, method)) {
            return;
        }
        if (!forThisApi(exchange, entry.token)) {
            return;
        }
        DelegationRule rule = policy.ruleFor(method, exchange.path);
        if (rule == null) {
            forbid(exchange, "no_rule", "no rule of this service allows a delegated token to " + method + " "
                    + exchange.path, null, null);
            return;
        }
        if (granted(exchange, rule, entry.token)) {
            metrics.delegationValid();
            exchange.auth = "delegated";
            exchange.wallet = entry.identity.wallet;
            entry.identity.set(exchange.request.headers());
            next.proceed(exchange);
        }
    }

    /**
     * The verified token, cached or verified now; null when refused (then answered). A renew token stands for the
     * delegation token in its certificate, until the certificate's expiration.
     */
    private VerifiedDelegations.Entry token(Exchange exchange, String token) {
        VerifiedDelegations cache = verified.get();
        VerifiedDelegations.Entry hit = cache.get(token, clock.millis());
        if (hit != null) {
            return hit;
        }
        VerifiedDelegations.Entry entry = RenewToken.isRenewToken(token) ? renewed(exchange, token)
                : switch (tokens.verifyToken(token, clock.instant())) {
                    case Verification.Verified<DelegationToken>(DelegationToken t) ->
                            new VerifiedDelegations.Entry(t, t.compact(), t.expiration(), policy.clockSkew(),
                                    System.nanoTime());
                    case Verification.Refused<DelegationToken>(Reason reason, String detail) -> {
                        refuse(exchange, reason, detail);
                        yield null;
                    }
                };
        if (entry == null) {
            return null;
        }
        if (cache.isRevoked(entry)) {
            refuse(exchange, Reason.REVOKED, "its issuer or the operator revoked the token");
            return null;
        }
        cache.put(entry);
        return entry;
    }

    /** A renew token ({@link RenewVerifier}); null when refused (then answered). */
    private VerifiedDelegations.Entry renewed(Exchange exchange, String renewToken) {
        switch (renewTokens.verify(renewToken, clock.instant())) {
            case Verification.Verified<RenewCertificate>(RenewCertificate cert) -> {
                return new VerifiedDelegations.Entry(cert.token(), renewToken, cert.expiration(), policy.clockSkew(),
                        System.nanoTime());
            }
            case Verification.Refused<RenewCertificate>(Reason reason, String detail) -> {
                refuse(exchange, reason, detail);
                return null;
            }
        }
    }

    private boolean proofAccepted(Exchange exchange, DelegatedCredential credential, VerifiedDelegations.Entry entry,
            String method) {
        if (policy.pop() == ProofMode.OFF || (credential.proof() == null && policy.pop() == ProofMode.OPTIONAL)) {
            return true;
        }
        if (credential.proof() == null) {
            refuse(exchange, Reason.PROOF_MISSING, "send a DPoP header with a proof of the delegated key");
            return false;
        }
        PopExpectation expected = PopExpectation.forToken(entry.token.delegatedKey(), entry.accessTokenHash, method,
                clientUrl(exchange));
        if (proofs.verify(credential.proof(), expected, clock.instant())
                instanceof Verification.Refused<PopProof>(Reason reason, String detail)) {
            refuse(exchange, reason, detail);
            return false;
        }
        return true;
    }

    /**
     * A token that names its APIs ({@code aud}, which the wallet showed before signing) is taken only at one of
     * them: the API is the origin the client used ({@code scheme://host[:port]}); else answered 403. A token
     * without {@code aud} is the document's: valid at any API.
     */
    private boolean forThisApi(Exchange exchange, DelegationToken token) {
        Optional<Audience> audience = token.attributes().audience();
        String api = clientOrigin(exchange);
        if (audience.isEmpty() || audience.get().includes(api)) {
            return true;
        }
        forbid(exchange, "wrong_audience", "the token is for " + String.join(", ", audience.get().urls())
                + ", not for " + api, "audience", api);
        return false;
    }

    /** The scope and resources the rule asks for, among the token's permissions; else answered 403. */
    private boolean granted(Exchange exchange, DelegationRule rule, DelegationToken token) {
        Optional<Permissions> permissions = token.attributes().permissions();
        if (rule.scope().isPresent()) {
            String scope = rule.scope().get();
            if (!permissions.flatMap(Permissions::scopes).orElse(Set.of()).contains(scope)) {
                forbid(exchange, "scope_missing", "the token does not grant the scope " + scope + " that "
                        + rule.describe() + " needs", "scope", scope);
                return false;
            }
        }
        if (rule.resources().isEmpty()) {
            return true;
        }
        Map<String, Set<String>> granted = permissions.flatMap(Permissions::resources).orElse(Map.of());
        Map<String, String> values = rule.path().match(exchange.path);
        for (Map.Entry<String, String> wanted : rule.resources().entrySet()) {
            String kind = wanted.getValue();
            String value = values.get(wanted.getKey());
            if (!granted.getOrDefault(kind, Set.of()).contains(value)) {
                forbid(exchange, "resource_not_granted", "the token does not grant " + kind + " " + value,
                        "resource", kind + "/" + value);
                return false;
            }
        }
        return true;
    }

    /**
     * The URL as the client used it (RFC 9449 {@code htu}): the scheme and Host it reached this gateway with, or
     * those a trusted proxy forwarded (its first value), and the path.
     */
    private static String clientUrl(Exchange exchange) {
        return clientOrigin(exchange) + exchange.path;
    }

    /** The scheme and host (with port) the client used: this gateway's, or a trusted proxy's first forwarded. */
    private static String clientOrigin(Exchange exchange) {
        HttpHeaders headers = exchange.request.headers();
        String scheme = exchange.downstream.scheme();
        String host = exchange.host == null ? "" : exchange.host;
        if (exchange.downstream.peerTrusted()) {
            scheme = firstValue(headers.get(X_FORWARDED_PROTO), scheme);
            host = firstValue(headers.get(X_FORWARDED_HOST), host);
        }
        return scheme + "://" + host;
    }

    private static String firstValue(String forwarded, String otherwise) {
        if (forwarded == null) {
            return otherwise;
        }
        int comma = forwarded.indexOf(',');
        String first = (comma < 0 ? forwarded : forwarded.substring(0, comma)).strip();
        return first.isEmpty() ? otherwise : first;
    }

    private void refuse(Exchange exchange, Reason reason, String detail) {
        metrics.delegationRefused(reason);
        exchange.refused(reason.code());
        FullHttpResponse response = answers.refused(reason, detail);
        exchange.respond(response, reason == Reason.PROOF_REPLAY_UNCHECKED ? Outcome.UNAVAILABLE : Outcome.UNAUTHORIZED);
    }

    private void forbid(Exchange exchange, String reason, String detail, String name, String value) {
        exchange.refused(reason);
        exchange.respond(answers.forbidden(reason, detail, name, value), Outcome.FORBIDDEN);
    }
}
