package dev.turnpike.bifrost;

/** A failed verification step inside this package, turned into a {@link Verification.Refused} at the API. */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    Refusal(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    /** The same detail under another reason, e.g. a JWS syntax error of a proof as {@link Reason#PROOF_MALFORMED}. */
    Refusal as(Reason other) {
        return new Refusal(other, getMessage());
    }

    <T> Verification<T> toResult() {
        return new Verification.Refused<>(reason, getMessage());
    }
}
