package dev.turnpike.gateway.ledger;

import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.MintedToken;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.StoreException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceListener;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.store.api.IssuedToken;
import dev.turnpike.store.api.TokenLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link TokenLedger} current: every minted token is booked, with its root key, before its challenge is
 * sent, and a payment is booked on {@code executor} (callers must not block) when the Lightning backend reports the
 * settlement or, at the latest, when a valid token first proves it, whichever comes first.
 */
public final class LedgerRecorder implements InvoiceListener {

    private static final Logger log = LoggerFactory.getLogger(LedgerRecorder.class);
    /** Payments remembered as booked, so that a token used again does not book again. */
    private static final int MAX_BOOKED = 100_000;

    private final TokenLedger ledger;
    private final Executor executor;
    private final Clock clock;
    private final Set<PaymentHash> booked = ConcurrentHashMap.newKeySet();
    private final ObjLongConsumer<String> payments;

    public LedgerRecorder(TokenLedger ledger, Executor executor, Clock clock) {
        this(ledger, executor, clock, (service, msat) -> {});
    }

    /** {@code payments}: told each payment once, when the books first record it: the service and its msat. */
    public LedgerRecorder(TokenLedger ledger, Executor executor, Clock clock, ObjLongConsumer<String> payments) {
        this.ledger = ledger;
        this.executor = executor;
        this.clock = clock;
        this.payments = payments;
    }

    /**
     * Books a freshly minted token with its root key, at once (a {@link dev.turnpike.l402.MintedTokenWriter}): the
     * minter sends no challenge for a token the books do not know, so every token can be listed, counted and revoked.
     */
    public void minted(MintedToken token) throws StoreException {
        L402Identifier id = token.identifier();
        ServiceSpec spec = token.spec();
        Challenge challenge = token.challenge();
        ledger.issued(new IssuedToken(id.tokenId(), id.paymentHash(), spec.name(), spec.price().msat(),
                challenge.invoice(), clock.instant(), validUntil(spec.name(), challenge)), token.rootKeyId(),
                token.rootKey());
    }

    @Override
    public void onInvoiceUpdated(Invoice invoice) {
        if (invoice.state() == InvoiceState.SETTLED) {
            book(PaymentHash.of(invoice.paymentHash().bytes()));
        }
    }

    /**
     * Books the payment a valid token proved (its preimage), once: the Lightning backend reports settlements only of
     * the invoices this gateway asked for while it ran, so a token paid on an invoice of another gateway, or while
     * this one was down, is booked here when it is first used. Never blocks.
     */
    public void paymentProven(PaymentHash hash) {
        book(hash);
    }

    /** Books {@code hash} as settled on the executor, unless this recorder booked it already. */
    private void book(PaymentHash hash) {
        if (booked.size() >= MAX_BOOKED) {
            booked.clear(); // costs one idempotent booking per token again, never a wrong one
        }
        if (!booked.add(hash)) {
            return;
        }
        Instant at = clock.instant();
        try {
            executor.execute(() -> {
                try {
                    ledger.settled(hash, at).ifPresent(t -> payments.accept(t.service(), t.priceMsat()));
                } catch (StoreException e) {
                    booked.remove(hash); // the next proof tries again
                    log.warn("the settlement of {} could not be booked: {}", hash, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            booked.remove(hash);
            log.warn("the settlement of {} could not be booked: shutting down", hash);
        }
    }

    /** The token's expiry as its macaroon states it (the verifier's rule); null for a token without one. */
    private static Instant validUntil(String service, Challenge challenge) {
        return L402Verifier.expiresAt(challenge.macaroon(), service).orElse(null);
    }
}
