package dev.turnpike.client.token;

import dev.turnpike.l402.Credential;
import dev.turnpike.l402.IdentifierFormatException;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.macaroon.Macaroon;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token the client holds for an origin. {@link State#PENDING}: the macaroon and invoice of a challenge the client
 * is about to pay (or was paying when it stopped); {@link State#PAID}: the same with the preimage, a usable
 * {@link Credential}. {@link #toString()} shows neither the macaroon nor the preimage.
 */
public final class StoredToken {

    /** Whether the invoice is known to be paid. */
    public enum State {
        PENDING,
        PAID
    }

    private final Origin origin;
    private final State state;
    private final Macaroon macaroon;
    private final String invoice;
    private final PaymentHash paymentHash;
    private final long amountMsat;
    private final Instant createdAt;
    private final Preimage preimage;
    private final long feeMsat;
    private final Instant paidAt;

    private StoredToken(Origin origin, State state, Macaroon macaroon, String invoice, PaymentHash paymentHash,
            long amountMsat, Instant createdAt, Preimage preimage, long feeMsat, Instant paidAt) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.state = Objects.requireNonNull(state, "state");
        this.macaroon = Objects.requireNonNull(macaroon, "macaroon");
        this.invoice = Objects.requireNonNull(invoice, "invoice");
        this.paymentHash = Objects.requireNonNull(paymentHash, "paymentHash");
        this.amountMsat = amountMsat;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.preimage = preimage;
        this.feeMsat = feeMsat;
        this.paidAt = paidAt;
        if (state == State.PAID) {
            Objects.requireNonNull(preimage, "preimage");
            Objects.requireNonNull(paidAt, "paidAt");
            if (!preimage.matches(paymentHash)) {
                throw new IllegalArgumentException("the preimage does not hash to the token's payment hash");
            }
        } else if (preimage != null || paidAt != null) {
            throw new IllegalArgumentException("a pending token has no preimage");
        }
        if (amountMsat < 0 || feeMsat < 0) {
            throw new IllegalArgumentException("amounts must not be negative");
        }
    }

    /** A token about to be paid: persisted before the payment starts. */
    public static StoredToken pending(Origin origin, Macaroon macaroon, String invoice, PaymentHash paymentHash,
            long amountMsat, Instant createdAt) {
        return new StoredToken(origin, State.PENDING, macaroon, invoice, paymentHash, amountMsat, createdAt, null, 0,
                null);
    }

    /** Rebuilds a token as read back from storage. */
    static StoredToken of(Origin origin, State state, Macaroon macaroon, String invoice, PaymentHash paymentHash,
            long amountMsat, Instant createdAt, Preimage preimage, long feeMsat, Instant paidAt) {
        return new StoredToken(origin, state, macaroon, invoice, paymentHash, amountMsat, createdAt, preimage, feeMsat,
                paidAt);
    }

    /**
     * This pending token, paid.
     *
     * @throws IllegalArgumentException if the preimage does not hash to the payment hash
     */
    public StoredToken paid(Preimage preimage, long feeMsat, Instant paidAt) {
        return new StoredToken(origin, State.PAID, macaroon, invoice, paymentHash, amountMsat, createdAt, preimage,
                feeMsat, paidAt);
    }

    public Origin origin() {
        return origin;
    }

    public State state() {
        return state;
    }

    public boolean isPaid() {
        return state == State.PAID;
    }

    /**
     * The token's id (hex), as the gateway's admin API and {@code turnpike admin tokens show} know it: from the
     * macaroon's L402 identifier; empty when the identifier is not one.
     */
    public Optional<String> tokenId() {
        try {
            return Optional.of(L402Identifier.decode(macaroon.identifier()).tokenId().toHex());
        } catch (IdentifierFormatException e) {
            return Optional.empty();
        }
    }

    public Macaroon macaroon() {
        return macaroon;
    }

    /** The BOLT #11 invoice of the challenge. */
    public String invoice() {
        return invoice;
    }

    public PaymentHash paymentHash() {
        return paymentHash;
    }

    public long amountMsat() {
        return amountMsat;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The proof of payment; empty while pending. */
    public Optional<Preimage> preimage() {
        return Optional.ofNullable(preimage);
    }

    public long feeMsat() {
        return feeMsat;
    }

    public Optional<Instant> paidAt() {
        return Optional.ofNullable(paidAt);
    }

    /**
     * The credential to present.
     *
     * @throws IllegalStateException while pending
     */
    public Credential credential() {
        if (preimage == null) {
            throw new IllegalStateException("a pending token is not a credential yet");
        }
        return new Credential(macaroon, preimage);
    }

    @Override
    public String toString() {
        return "StoredToken[" + origin + ", " + state + ", payment hash " + paymentHash + ", " + amountMsat
                + " msat, macaroon and preimage redacted]";
    }
}
