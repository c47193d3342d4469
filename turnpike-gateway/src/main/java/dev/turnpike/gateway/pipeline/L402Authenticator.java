package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.metrics.ServiceMetrics;
import dev.turnpike.gateway.route.CapabilityRule;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.Reason;
import dev.turnpike.l402.RequestContext;
import dev.turnpike.l402.VerificationResult;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A paid service: whitelisted paths and CORS preflights pass; a valid token passes with its credential
 * normalised; anything else goes to the {@link Denial} (a challenge, or a freebie first). Tokens found
 * valid are remembered per event loop ({@link VerifiedTokens}, when a revocation set is known).
 */
final class L402Authenticator implements Authenticator {

    private static final Logger log = LoggerFactory.getLogger(L402Authenticator.class);

    private final ServiceRoute route;
    private final L402Verifier verifier;
    private final Denial denial;
    private final ServiceMetrics metrics;
    private final PaymentConfirmation confirmation;
    /** Request contexts by index: 0 requires no capability, then one per capability of the route's rules. */
    private final RequestContext[] contexts;
    private final Map<String, Integer> contextByCapability = new HashMap<>();
    /** Null without a revocation set (then nothing is cached). */
    private final FastThreadLocal<VerifiedTokens> verified;

    /** {@code revocations}: the verifier's own revocation set, or null (then every request is verified). */
    L402Authenticator(ServiceRoute route, L402Verifier verifier, Denial denial, ServiceMetrics metrics,
            PaymentConfirmation confirmation, RevocationSet revocations, Clock clock) {
        this.route = route;
        this.confirmation = confirmation;
        this.verifier = verifier;
        this.denial = denial;
        this.metrics = metrics;
        RequestContext context = RequestContext.forService(route.name());
        List<RequestContext> all = new ArrayList<>();
        all.add(context);
        for (CapabilityRule rule : route.capabilityRules()) {
            if (!contextByCapability.containsKey(rule.capability())) {
                contextByCapability.put(rule.capability(), all.size());
                all.add(context.requiringCapability(rule.capability()));
            }
        }
        this.contexts = all.toArray(RequestContext[]::new);
        this.verified = revocations == null ? null : new FastThreadLocal<>() {
            @Override
            protected VerifiedTokens initialValue() {
                return new VerifiedTokens(revocations, clock);
            }
        };
    }

    @Override
    public void authenticate(Exchange exchange, Chain next) {
        if (route.isWhitelisted(exchange.path)) {
            exchange.auth = "free";
            next.proceed(exchange);
        } else if (Responses.isPreflight(exchange.request)) {
            exchange.respond(Responses.preflight(exchange.request), Outcome.PREFLIGHT);
        } else if (verified != null && authenticateCached(exchange, next)) {
            return;
        } else {
            switch (L402Headers.parseCredential(exchange.request.headers()::getAll)) {
                case ParseResult.Ok<Credential> ok -> verify(exchange, next, ok.value(), contextFor(exchange), null);
                case ParseResult.Err<Credential> err -> deny(exchange, next,
                        err.error() == ParseResult.Error.ABSENT ? Refusal.NO_TOKEN : Refusal.MALFORMED_CREDENTIAL);
            }
        }
    }

    /**
     * The path of a request with exactly one Authorization value: from the cache, or parsed and verified
     * and then cached. False when this value does not hold an L402 credential of its own (then the general
     * path decides, with every credential header).
     */
    private boolean authenticateCached(Exchange exchange, Chain next) {
        HttpHeaders headers = exchange.request.headers();
        List<String> values = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        if (values.size() != 1) {
            return false;
        }
        String value = values.get(0);
        int context = contextFor(exchange);
        VerifiedTokens cache = verified.get();
        VerifiedTokens.Entry hit = cache.get(value, context);
        if (hit != null) {
            metrics.verifiedValid();
            exchange.auth = "paid";
            exchange.tokenId = hit.tokenId;
            Credentials.normalise(headers, hit.rewrite, hit.tokenIdHex);
            next.proceed(exchange);
            return true;
        }
        if (!(L402Headers.parseAuthorizationValue(value) instanceof ParseResult.Ok<Credential> ok)) {
            return false;
        }
        verify(exchange, next, ok.value(), context, value);
        return true;
    }

    /** {@code cacheKey}: the request's single Authorization value, under which a valid token is remembered; or null. */
    private void verify(Exchange exchange, Chain next, Credential credential, int context, String cacheKey) {
        switch (verifier.verify(credential, contexts[context])) {
            case VerificationResult.Valid valid -> confirmation.confirm(exchange, valid.identifier(), () -> {
                metrics.verifiedValid();
                exchange.auth = "paid";
                exchange.tokenId = valid.tokenId();
                if (cacheKey != null) {
                    String normalised = L402Headers.authorizationValue(credential);
                    verified.get().put(cacheKey, context, contexts.length, valid,
                            normalised.equals(cacheKey) ? null : normalised);
                }
                Credentials.normalise(exchange.request.headers(), credential, valid.tokenId());
                next.proceed(exchange);
            }, () -> unsettled(exchange, next));
            case VerificationResult.Invalid invalid -> refused(exchange, next, invalid);
        }
    }

    private void unsettled(Exchange exchange, Chain next) {
        metrics.refusedUnsettled();
        deny(exchange, next, Refusal.NOT_SETTLED);
    }

    private void deny(Exchange exchange, Chain next, Refusal refusal) {
        exchange.refused(refusal.code());
        denial.deny(exchange, next, refusal);
    }

    /** The index of the request context of this request (see {@link #contexts}). */
    private int contextFor(Exchange exchange) {
        String capability = route.capabilityFor(exchange.request.method().name(), exchange.path).orElse(null);
        return capability == null ? 0 : contextByCapability.get(capability);
    }

    /** The one place where verification reasons become answers. */
    private void refused(Exchange exchange, Chain next, VerificationResult.Invalid invalid) {
        Reason reason = invalid.reason();
        metrics.refused(reason);
        switch (reason) {
            case MALFORMED, UNKNOWN_VERSION, WRONG_PREIMAGE, UNKNOWN_TOKEN, BAD_SIGNATURE, REVOKED, EXPIRED,
                    SERVICE_NOT_ALLOWED, CAPABILITY_NOT_ALLOWED, CONSTRAINT_VIOLATED ->
                    deny(exchange, next, Refusal.of(reason));
            case BACKEND_UNAVAILABLE -> {
                exchange.refused("backend_unavailable");
                log.warn("token verification for {} failed: the key store is unavailable: {}", route.name(),
                        invalid.failure().map(Throwable::toString).orElse("no cause"));
                exchange.respond(Responses.verificationUnavailable(), Outcome.UNAVAILABLE);
            }
        }
    }
}
