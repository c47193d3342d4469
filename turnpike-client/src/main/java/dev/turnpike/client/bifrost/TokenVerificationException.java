package dev.turnpike.client.bifrost;

import dev.turnpike.bifrost.Reason;
import java.util.Objects;

/**
 * A delegation token failed this client's own verification: the token the bridge handed to the application (not
 * signed by its {@code issuer}, not for the application's key or the session's nonce, …), or the token the wallet
 * was about to post. {@link #reason()} is the first failing step.
 */
public final class TokenVerificationException extends BifrostException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    TokenVerificationException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason").message() + " (" + reason.code() + "): " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
