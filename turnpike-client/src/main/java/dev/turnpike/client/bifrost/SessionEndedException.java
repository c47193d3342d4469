package dev.turnpike.client.bifrost;

import dev.turnpike.bifrost.session.SessionState;
import java.util.Objects;

/**
 * The session ended without this client getting what it waited for; {@link #state()} says how. The three ends a
 * login expects have their own subclasses ({@link LoginDeniedException}, {@link SessionExpiredException}, {@link
 * SessionCancelledException}); an instance of this class itself means {@link SessionState#CONSUMED}: the token was
 * handed to someone else, which only the holder of the poll token or of the application's key can do.
 */
public class SessionEndedException extends BifrostException {
    private static final long serialVersionUID = 1L;

    private final SessionState state;

    SessionEndedException(SessionState state, String message) {
        super(message);
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The exception for a session that reached {@code state}, a final state other than approved. */
    static SessionEndedException of(SessionState state) {
        return switch (state) {
            case DENIED -> new LoginDeniedException();
            case EXPIRED -> new SessionExpiredException("the session expired before the wallet answered");
            case CANCELLED -> new SessionCancelledException();
            case CONSUMED -> new SessionEndedException(state, "the token was already retrieved, not by this client:"
                    + " someone else holds the session's poll token or the application's key");
            case PENDING, APPROVED -> throw new IllegalArgumentException("a " + state + " session has not ended");
        };
    }

    /** How the session ended. */
    public SessionState state() {
        return state;
    }
}
