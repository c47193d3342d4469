package dev.turnpike.client.bifrost;

import dev.turnpike.bifrost.session.SessionState;

/** The session was cancelled ({@code DELETE}, the application's call); its token, if any, is gone. */
public final class SessionCancelledException extends SessionEndedException {
    private static final long serialVersionUID = 1L;

    SessionCancelledException() {
        super(SessionState.CANCELLED, "the session was cancelled (session_cancelled)");
    }
}
