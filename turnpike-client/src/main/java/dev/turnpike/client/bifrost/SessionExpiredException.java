package dev.turnpike.client.bifrost;

import dev.turnpike.bifrost.session.SessionState;

/**
 * The session's lifetime (3 minutes by default) is over, or the bridge knows no such session ({@code
 * expired_token}).
 */
public final class SessionExpiredException extends SessionEndedException {
    private static final long serialVersionUID = 1L;

    SessionExpiredException(String message) {
        super(SessionState.EXPIRED, message + " (expired_token)");
    }
}
