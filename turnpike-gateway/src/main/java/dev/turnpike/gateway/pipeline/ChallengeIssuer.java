package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.challenge.TokenMint;
import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.ratelimit.ClientPrefix;
import dev.turnpike.gateway.ratelimit.Limiter;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.MintException;
import dev.turnpike.l402.ServiceSpec;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request without a valid token with a 402 challenge for a fresh token. Minting may block on
 * the Lightning backend and the key store, so it runs on a bounded executor; a full queue is a 503.
 * Challenges are rate limited per client network: each one costs an invoice.
 */
final class ChallengeIssuer implements Denial {

    private static final Logger log = LoggerFactory.getLogger(ChallengeIssuer.class);

    private final ServiceSpec spec;
    private final TokenMint minter;
    private final Executor executor;
    private final Limiter<ClientPrefix.Network> limiter;
    private final ClientPrefix prefix;
    private final DelegationAnswers delegation;
    private final OutageLog outage = new OutageLog();

    /** {@code delegation}: for an {@code either} service, what the 402 adds about delegated tokens; else null. */
    ChallengeIssuer(ServiceSpec spec, TokenMint minter, Executor executor, Limiter<ClientPrefix.Network> limiter,
            ClientPrefix prefix, DelegationAnswers delegation) {
        this.delegation = delegation;
        this.prefix = prefix;
        this.spec = spec;
        this.minter = minter;
        this.executor = executor;
        this.limiter = limiter;
    }

    @Override
    public void deny(Exchange exchange, Chain next, Refusal refusal) {
        long waitMillis = limiter.tryAcquire(prefix.of(exchange.client));
        if (waitMillis > 0) {
            exchange.respond(Responses.tooManyRequests(waitMillis), Outcome.RATE_LIMITED);
            return;
        }
        try {
            executor.execute(() -> mint(exchange, refusal));
        } catch (RejectedExecutionException e) {
            exchange.respond(Responses.busy(), Outcome.UNAVAILABLE);
        }
    }

    /** On the mint executor. */
    private void mint(Exchange exchange, Refusal refusal) {
        try {
            Challenge challenge = minter.mint(spec);
            if (outage.succeeded()) {
                log.info("minting tokens for {} works again", spec.name());
            }
            exchange.eventLoop().execute(() -> {
                exchange.metrics.challengeIssued();
                exchange.respond(Responses.paymentRequired(exchange.request, challenge, refusal, spec,
                        delegation),
                        Outcome.CHALLENGED);
            });
        } catch (MintException | RuntimeException e) {
            if (outage.failed()) { // a full disk or a store that is down fails every request: one line
                log.error("minting a token for {} failed: {}; answering 503, and not logging this again until minting"
                        + " works", spec.name(), OutageLog.reasons(e));
            }
            boolean store = e instanceof MintException m && m.part() == MintException.Part.STORE;
            exchange.eventLoop().execute(() -> exchange.respond(
                    store ? Responses.storeUnavailable() : Responses.lightningUnavailable(), Outcome.UNAVAILABLE));
        }
    }
}
