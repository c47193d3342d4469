package dev.turnpike.client.pay;

/**
 * The wallet could not be reached, failed, answered something that is not its API, or did not finish in time.
 * When {@link #mayHaveBeenMade()} the payment's outcome is unknown: ask {@link ResumablePayer#status} later, never
 * pay another invoice for the same thing before knowing.
 */
public final class PayerUnavailableException extends PayerException {

    private final boolean mayHaveBeenMade;

    public PayerUnavailableException(String message, Throwable cause, boolean mayHaveBeenMade) {
        super(message, cause);
        this.mayHaveBeenMade = mayHaveBeenMade;
    }

    /** False only when the request certainly never reached the wallet (e.g. connection refused). */
    public boolean mayHaveBeenMade() {
        return mayHaveBeenMade;
    }
}
