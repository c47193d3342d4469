package dev.turnpike.gateway.pipeline;

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
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A paid service: whitelisted paths and CORS preflights pass; a valid token passes with its credential
 * normalised; anything else goes to the {@link Denial} (a challenge, or a freebie first).
 */
final class L402Authenticator implements Authenticator {

    private static final Logger log = LoggerFactory.getLogger(L402Authenticator.class);

    private final ServiceRoute route;
    private final L402Verifier verifier;
    private final Denial denial;
    private final ServiceMetrics metrics;
    private final RequestContext context;
    private final Map<String, RequestContext> contextByCapability = new HashMap<>();

    L402Authenticator(ServiceRoute route, L402Verifier verifier, Denial denial, ServiceMetrics metrics) {
        this.route = route;
        this.verifier = verifier;
        this.denial = denial;
        this.metrics = metrics;
        this.context = RequestContext.forService(route.name());
        for (CapabilityRule rule : route.capabilityRules()) {
            contextByCapability.put(rule.capability(), context.requiringCapability(rule.capability()));
        }
    }

    @Override
    public void authenticate(Exchange exchange, Chain next) {
        if (route.isWhitelisted(exchange.path)) {
            next.proceed(exchange);
        } else if (Responses.isPreflight(exchange.request)) {
            exchange.respond(Responses.preflight(exchange.request), Outcome.PREFLIGHT);
        } else {
            switch (L402Headers.parseCredential(exchange.request.headers()::getAll)) {
                case ParseResult.Ok<Credential> ok -> verify(exchange, next, ok.value());
                case ParseResult.Err<Credential> err -> denial.deny(exchange, next,
                        err.error() == ParseResult.Error.ABSENT ? Refusal.NO_TOKEN : Refusal.MALFORMED_CREDENTIAL);
            }
        }
    }

    private void verify(Exchange exchange, Chain next, Credential credential) {
        switch (verifier.verify(credential, contextFor(exchange))) {
            case VerificationResult.Valid valid -> {
                metrics.verifiedValid();
                exchange.tokenId = valid.tokenId();
                Credentials.normalise(exchange.request.headers(), credential, valid.tokenId());
                next.proceed(exchange);
            }
            case VerificationResult.Invalid invalid -> refused(exchange, next, invalid);
        }
    }

    private RequestContext contextFor(Exchange exchange) {
        return route.capabilityFor(exchange.request.method().name(), exchange.path)
                .map(contextByCapability::get)
                .orElse(context);
    }

    /** The one place where verification reasons become answers. */
    private void refused(Exchange exchange, Chain next, VerificationResult.Invalid invalid) {
        Reason reason = invalid.reason();
        metrics.refused(reason);
        switch (reason) {
            case MALFORMED, UNKNOWN_VERSION, WRONG_PREIMAGE, UNKNOWN_TOKEN, BAD_SIGNATURE, REVOKED, EXPIRED,
                    SERVICE_NOT_ALLOWED, CAPABILITY_NOT_ALLOWED, CONSTRAINT_VIOLATED ->
                    denial.deny(exchange, next, Refusal.of(reason));
            case BACKEND_UNAVAILABLE -> {
                log.warn("token verification for {} failed: the key store is unavailable: {}", route.name(),
                        invalid.failure().map(Throwable::toString).orElse("no cause"));
                exchange.respond(Responses.verificationUnavailable(), Outcome.UNAVAILABLE);
            }
        }
    }
}
