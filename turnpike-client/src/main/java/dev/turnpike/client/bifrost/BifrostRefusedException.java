package dev.turnpike.client.bifrost;

import java.util.OptionalLong;

/**
 * The bridge refused the call with an HTTP 4xx problem, e.g. {@code invalid_delegated_key}, {@code rate_limited},
 * {@code session_not_pending} (a second approval) or a reason of the bridge's token verifier such as {@code
 * nonce_mismatch}. {@link #error()} is the problem's machine-readable code ({@code http_<status>} if the answer
 * had none).
 */
public final class BifrostRefusedException extends BifrostException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final long retryAfterSeconds;

    BifrostRefusedException(int status, String error, String detail, OptionalLong retryAfterSeconds) {
        super("the bridge refused (HTTP " + status + " " + error + "): " + detail
                + (retryAfterSeconds.isPresent() ? "; try again in " + retryAfterSeconds.getAsLong() + " s" : ""));
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds.orElse(-1);
    }

    /** The HTTP status, e.g. 400. */
    public int status() {
        return status;
    }

    /** The problem's {@code error} code, e.g. {@code nonce_mismatch}. */
    public String error() {
        return error;
    }

    /** When to try again, if the bridge said ({@code rate_limited}). */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}
