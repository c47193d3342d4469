package dev.turnpike.bifrost.session;

/**
 * The states of a session: {@code PENDING → APPROVED | DENIED | CANCELLED}, {@code APPROVED → CONSUMED |
 * CANCELLED}, and any state becomes {@code EXPIRED} when the session's lifetime is over.
 */
public enum SessionState {
    /** Waiting for the wallet (RFC 8628: {@code authorization_pending}). */
    PENDING,
    /** The wallet posted a verified token; the application has not fetched it yet. */
    APPROVED,
    /** The wallet's user refused ({@code access_denied}). */
    DENIED,
    /** The lifetime is over ({@code expired_token}); the token, if any, is gone. */
    EXPIRED,
    /** The application deleted the session; the token, if any, is gone. */
    CANCELLED,
    /** The application fetched the token, which was then dropped (one-time retrieval). */
    CONSUMED;

    /** Whether no transition leaves this state. */
    public boolean isTerminal() {
        return this != PENDING && this != APPROVED;
    }
}
