package dev.turnpike.client;

import dev.turnpike.client.pay.PayerException;
import dev.turnpike.client.pay.PayerUnavailableException;
import dev.turnpike.client.pay.PaymentRefusedException;
import dev.turnpike.client.pay.PaymentStatus;
import dev.turnpike.client.pay.ResumablePayer;
import dev.turnpike.client.token.Origin;
import dev.turnpike.client.token.StoredToken;
import dev.turnpike.client.token.TokenStore;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.IdentifierFormatException;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a 402 with an L402 challenge: under the origin's lock, reuses a token another request stored meanwhile,
 * resumes an interrupted payment, or checks the invoice, stores a pending token, pays, stores the paid token; then
 * retries the request once with the token. A 402 without an L402 challenge, and the retry's response whatever it
 * is, go back to the caller unchanged.
 */
final class PaymentInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(L402Client.class);
    private static final int PAYMENT_REQUIRED = 402;

    private final ResumablePayer payer;
    private final TokenStore store;
    private final long maxCostMsat;
    private final long maxFeeMsat;
    private final Clock clock;
    private final Duration recoveryTimeout;
    private final Duration pollInterval;
    private final Events events;

    PaymentInterceptor(ResumablePayer payer, TokenStore store, long maxCostMsat, long maxFeeMsat, Clock clock,
            Duration recoveryTimeout, Duration pollInterval, Events events) {
        this.payer = payer;
        this.store = store;
        this.maxCostMsat = maxCostMsat;
        this.maxFeeMsat = maxFeeMsat;
        this.clock = clock;
        this.recoveryTimeout = recoveryTimeout;
        this.pollInterval = pollInterval;
        this.events = events;
    }

    @Override
    public <T> HttpResponse<T> intercept(Chain<T> chain) throws IOException, InterruptedException {
        HttpRequest request = chain.request();
        HttpResponse<T> response = chain.proceed(request);
        if (response.statusCode() != PAYMENT_REQUIRED) {
            return response;
        }
        ParseResult<Challenge> parsed = L402Headers.parseChallenges(
                response.headers().allValues(L402Headers.WWW_AUTHENTICATE));
        if (parsed instanceof ParseResult.Err<Challenge> err && err.error() == ParseResult.Error.ABSENT) {
            return response; // a 402 of some other payment scheme: not ours to answer
        }
        Origin origin = Origin.of(request.uri());
        events.emit(new L402Event.ChallengeReceived(origin));
        if (payer == null) {
            events.emit(new L402Event.NoPayer(origin));
            return response;
        }
        Credential credential;
        try {
            String sent = request.headers().firstValue(L402Headers.AUTHORIZATION).orElse(null);
            try (TokenStore.OriginLock lock = store.lock(origin)) {
                credential = obtain(origin, sent, parsed, response);
            }
        } finally {
            Requests.discard(response);
        }
        HttpResponse<T> retried = chain.proceed(
                Requests.withAuthorization(request, L402Headers.authorizationValue(credential)));
        events.emit(new L402Event.Retried(origin, retried.statusCode()));
        return retried;
    }

    /** Under the origin's lock: the credential to retry with, paying at most once; {@code refusal} is the 402. */
    private Credential obtain(Origin origin, String sent, ParseResult<Challenge> parsed, HttpResponse<?> refusal)
            throws IOException, InterruptedException {
        Optional<StoredToken> current = store.load(origin);
        if (current.isPresent() && current.get().isPaid()) {
            Credential stored = current.get().credential();
            if (!L402Headers.authorizationValue(stored).equals(sent)) {
                events.emit(new L402Event.TokenReused(origin));
                return stored;
            }
            store.remove(origin);
            String why = ProblemReason.of(refusal).orElse("");
            events.emit(new L402Event.TokenEvicted(origin, current.get().paymentHash().toHex(), why));
            LOG.info("the server refused the token for {} (payment hash {}{}); buying a new one", origin,
                    current.get().paymentHash(), why.isEmpty() ? "" : ", " + why);
        } else if (current.isPresent()) {
            Optional<Credential> recovered = recover(current.get());
            if (recovered.isPresent()) {
                return recovered.get();
            }
        }
        if (parsed instanceof ParseResult.Err<Challenge> err) {
            throw new ChallengeRefusedException(ChallengeRefusedException.Reason.MALFORMED_CHALLENGE,
                    "the 402 challenge from " + origin + " cannot be parsed: " + err.error() + ": " + err.detail());
        }
        Challenge challenge = ((ParseResult.Ok<Challenge>) parsed).value();
        Bolt11Invoice invoice = check(origin, challenge);
        return pay(origin, challenge, invoice);
    }

    /** Checks the challenge before paying anything: identifier, invoice signature, hash, amount, expiry. */
    private Bolt11Invoice check(Origin origin, Challenge challenge) throws ChallengeRefusedException {
        L402Identifier id;
        try {
            id = L402Identifier.decode(challenge.macaroon().identifier());
        } catch (IdentifierFormatException e) {
            throw new ChallengeRefusedException(ChallengeRefusedException.Reason.BAD_IDENTIFIER,
                    "the macaroon from " + origin + " is not an L402 token: " + e.getMessage());
        }
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11Invoice.decode(challenge.invoice());
        } catch (Bolt11Exception e) {
            throw new ChallengeRefusedException(ChallengeRefusedException.Reason.INVALID_INVOICE,
                    "the invoice from " + origin + " is not a valid BOLT #11 invoice: " + e.getMessage());
        }
        if (!Arrays.equals(id.paymentHash().toByteArray(), invoice.paymentHash().bytes())) {
            throw new ChallengeRefusedException(ChallengeRefusedException.Reason.HASH_MISMATCH,
                    "the invoice from " + origin + " has payment hash " + invoice.paymentHash()
                            + " but the macaroon is for " + id.paymentHash() + ": paying it would not unlock the token");
        }
        if (invoice.amountMsat().isEmpty()) {
            throw new ChallengeRefusedException(ChallengeRefusedException.Reason.NO_AMOUNT,
                    "the invoice from " + origin + " states no amount");
        }
        long amount = invoice.amountMsat().getAsLong();
        events.emit(new L402Event.InvoiceDecoded(origin, amount, invoice.paymentHash().toHex(), invoice.expiresAt(),
                invoice.network().toString()));
        if (amount > maxCostMsat) {
            throw new ChallengeRefusedException(ChallengeRefusedException.Reason.ABOVE_MAX_COST,
                    origin + " asks for " + Money.format(amount) + ", more than the max cost of " + Money.format(maxCostMsat));
        }
        Instant now = clock.instant();
        if (invoice.isExpiredAt(now)) {
            throw new ChallengeRefusedException(ChallengeRefusedException.Reason.EXPIRED,
                    "the invoice from " + origin + " expired at " + invoice.expiresAt() + " (now " + now + ")");
        }
        return invoice;
    }

    private Credential pay(Origin origin, Challenge challenge, Bolt11Invoice invoice)
            throws IOException {
        long amount = invoice.amountMsat().getAsLong();
        PaymentHash hash = invoice.paymentHash();
        StoredToken pending = StoredToken.pending(origin, challenge.macaroon(), challenge.invoice(),
                dev.turnpike.l402.PaymentHash.of(hash.bytes()), amount, clock.instant());
        store.save(pending);
        events.emit(new L402Event.Paying(origin, hash.toHex(), amount, payer.describe()));
        PaymentResult result;
        try {
            result = payer.pay(challenge.invoice(), new PaymentLimits(maxCostMsat, maxFeeMsat));
        } catch (PaymentRefusedException e) {
            if (e.reason() == PaymentRefusedException.Reason.INVOICE_ALREADY_PAID) {
                Optional<Credential> ours = alreadyPaid(pending);
                if (ours.isPresent()) {
                    return ours.get();
                }
            }
            store.remove(origin);
            throw new L402PaymentException(L402PaymentException.Outcome.NOT_PAID,
                    "the payment for " + origin + " was refused: " + e.getMessage(), e);
        } catch (PayerUnavailableException e) {
            if (!e.mayHaveBeenMade()) {
                store.remove(origin);
                throw new L402PaymentException(L402PaymentException.Outcome.NOT_PAID,
                        "the payment for " + origin + " was not made: " + e.getMessage(), e);
            }
            throw new L402PaymentException(L402PaymentException.Outcome.UNKNOWN, "the payment of " + hash + " for "
                    + origin + " may or may not have been made (" + e.getMessage()
                    + "); the next request asks the wallet before paying again", e);
        } catch (PayerException e) {
            store.remove(origin);
            throw new L402PaymentException(L402PaymentException.Outcome.NOT_PAID,
                    "the payment for " + origin + " was not made: " + e.getMessage(), e);
        }
        if (!result.paymentHash().equals(hash)) {
            throw new L402PaymentException(L402PaymentException.Outcome.UNKNOWN, "the payer reported paying "
                    + result.paymentHash() + " instead of " + hash, null);
        }
        events.emit(new L402Event.Paid(origin, hash.toHex(), amount, result.feeMsat()));
        LOG.info("paid {} msat (fee {} msat) for {} (payment hash {})", amount, result.feeMsat(), origin, hash);
        if (result.feeMsat() > maxFeeMsat) {
            events.emit(new L402Event.FeeAboveLimit(origin, result.feeMsat(), maxFeeMsat));
        }
        return storePaid(pending, Preimage.of(result.preimage().bytes()), result.feeMsat());
    }

    /** The wallet says the invoice is already paid: if it was paid by this wallet, its status has our preimage. */
    private Optional<Credential> alreadyPaid(StoredToken pending) throws IOException {
        PaymentHash hash = lightningHash(pending);
        try {
            Optional<PaymentStatus> status = payer.status(hash);
            if (status.isPresent() && status.get() instanceof PaymentStatus.Succeeded s && s.preimage().matches(hash)) {
                events.emit(new L402Event.PaymentRecovered(pending.origin(), pending.paymentHash().toHex(), s.feeMsat()));
                return Optional.of(storePaid(pending, Preimage.of(s.preimage().bytes()), s.feeMsat()));
            }
        } catch (PayerException e) {
            LOG.debug("status of an already paid invoice unavailable: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * A pending token means a payment was started and its end not recorded. Ask the wallet: succeeded → store the
     * token; no record or failed → drop the pending token (the caller may pay); in flight → wait, bounded.
     */
    private Optional<Credential> recover(StoredToken pending) throws IOException, InterruptedException {
        Origin origin = pending.origin();
        PaymentHash hash = lightningHash(pending);
        events.emit(new L402Event.PendingTokenFound(origin, hash.toHex()));
        long deadline = System.nanoTime() + recoveryTimeout.toNanos();
        while (true) {
            Optional<PaymentStatus> status;
            try {
                status = payer.status(hash);
            } catch (PayerException e) {
                throw new L402PaymentException(L402PaymentException.Outcome.UNKNOWN, "an earlier payment of " + hash
                        + " for " + origin + " was interrupted and the wallet cannot say how it ended ("
                        + e.getMessage() + "); not paying again until it can", e);
            }
            if (status.isEmpty()) {
                store.remove(origin);
                events.emit(new L402Event.PendingTokenDropped(origin, hash.toHex(), "the wallet has no such payment"));
                return Optional.empty();
            }
            switch (status.get()) {
                case PaymentStatus.Succeeded s -> {
                    if (!s.preimage().matches(hash)) {
                        throw new L402PaymentException(L402PaymentException.Outcome.UNKNOWN,
                                "the wallet reported a preimage for " + hash + " that does not match it", null);
                    }
                    events.emit(new L402Event.PaymentRecovered(origin, hash.toHex(), s.feeMsat()));
                    LOG.info("an interrupted payment for {} (payment hash {}) had succeeded; token stored", origin, hash);
                    return Optional.of(storePaid(pending, Preimage.of(s.preimage().bytes()), s.feeMsat()));
                }
                case PaymentStatus.Failed f -> {
                    store.remove(origin);
                    events.emit(new L402Event.PendingTokenDropped(origin, hash.toHex(), f.detail()));
                    return Optional.empty();
                }
                case PaymentStatus.InFlight inFlight -> {
                    if (System.nanoTime() - deadline >= 0) {
                        throw new L402PaymentException(L402PaymentException.Outcome.UNKNOWN, "an earlier payment of "
                                + hash + " for " + origin + " is still in flight after "
                                + recoveryTimeout.toSeconds() + " s; not paying again until it ends", null);
                    }
                    Thread.sleep(pollInterval);
                }
            }
        }
    }

    private Credential storePaid(StoredToken pending, Preimage preimage, long feeMsat) throws IOException {
        StoredToken paid = pending.paid(preimage, feeMsat, clock.instant());
        store.save(paid);
        events.emit(new L402Event.TokenStored(pending.origin(), store.toString(), paid.tokenId().orElse("")));
        return paid.credential();
    }

    private static PaymentHash lightningHash(StoredToken token) {
        return PaymentHash.of(token.paymentHash().toByteArray());
    }
}
