package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.TokenId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last verification step, after the verifier found a token valid: whether its invoice must also be reported
 * settled by the Lightning backend before the token is used ({@code lightning.strict_verify}). Chosen once at
 * start, so the hot path has no configuration branch: {@link #TRUSTING} accepts the preimage as the proof of
 * payment (as aperture does); {@link #strict} asks the backend once per token.
 */
interface PaymentConfirmation {

    /**
     * Runs {@code confirmed} on the event loop once the token's payment is confirmed; otherwise answers the
     * exchange itself: {@code unsettled} for an invoice the backend does not report settled, 503 when the backend
     * cannot be asked.
     */
    void confirm(Exchange exchange, L402Identifier identifier, Runnable confirmed, Runnable unsettled);

    PaymentConfirmation TRUSTING = (exchange, identifier, confirmed, unsettled) -> confirmed.run();

    /** {@code confirmation}, which also tells {@code proofs} of each payment it confirms. */
    static PaymentConfirmation reporting(PaymentConfirmation confirmation, PaymentProofs proofs) {
        return proofs == PaymentProofs.IGNORED ? confirmation : (exchange, identifier, confirmed, unsettled) ->
                confirmation.confirm(exchange, identifier, () -> {
                    proofs.proven(identifier.paymentHash());
                    confirmed.run();
                }, unsettled);
    }

    /**
     * Asks {@code lookup} on {@code executor} the first time a token is used, and remembers settled tokens (a
     * settled invoice stays settled). At most {@code capacity} are remembered; past that the memory starts afresh,
     * which costs one more lookup per token, never a wrong answer.
     */
    static PaymentConfirmation strict(SettlementLookup lookup, Executor executor, int capacity) {
        return new Strict(lookup, executor, capacity);
    }

    final class Strict implements PaymentConfirmation {
        private static final Logger log = LoggerFactory.getLogger(PaymentConfirmation.class);

        private final SettlementLookup lookup;
        private final Executor executor;
        private final int capacity;
        private final Set<TokenId> settled = ConcurrentHashMap.newKeySet();

        private Strict(SettlementLookup lookup, Executor executor, int capacity) {
            this.lookup = lookup;
            this.executor = executor;
            this.capacity = capacity;
        }

        @Override
        public void confirm(Exchange exchange, L402Identifier identifier, Runnable confirmed, Runnable unsettled) {
            if (settled.contains(identifier.tokenId())) {
                confirmed.run();
                return;
            }
            try {
                executor.execute(() -> ask(exchange, identifier, confirmed, unsettled));
            } catch (RejectedExecutionException e) {
                exchange.respond(Responses.busy(), Outcome.UNAVAILABLE);
            }
        }

        /** Off the event loop. */
        private void ask(Exchange exchange, L402Identifier identifier, Runnable confirmed, Runnable unsettled) {
            boolean isSettled;
            try {
                isSettled = lookup.isSettled(identifier.paymentHash());
            } catch (Exception e) {
                log.warn("cannot confirm the payment of token {}: {}", identifier.tokenId().toHex(), e.toString());
                exchange.eventLoop().execute(() -> exchange.respond(Responses.paymentUnconfirmable(), Outcome.UNAVAILABLE));
                return;
            }
            if (isSettled) {
                if (settled.size() >= capacity) {
                    settled.clear();
                }
                settled.add(identifier.tokenId());
            }
            exchange.eventLoop().execute(isSettled ? confirmed : unsettled);
        }
    }
}
