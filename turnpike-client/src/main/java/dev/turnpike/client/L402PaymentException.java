package dev.turnpike.client;

import java.util.Objects;

/**
 * Paying a challenge failed, or the client could not learn how an earlier payment ended. {@link #outcome()} says
 * whether money may have moved; the cause is the payer's exception when there is one.
 */
public final class L402PaymentException extends L402ClientException {

    /** Whether money may have moved. */
    public enum Outcome {
        /** Nothing was paid. */
        NOT_PAID,
        /**
         * The payment may have been made. The pending token stays stored; a later request asks the wallet for the
         * outcome before paying anything (it never pays twice).
         */
        UNKNOWN
    }

    private final Outcome outcome;

    public L402PaymentException(Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    public Outcome outcome() {
        return outcome;
    }
}
