package dev.turnpike.client.bifrost;

import dev.turnpike.bifrost.session.SessionState;

/** The application cancelled the session ({@code DELETE}); its token, if any, is gone. */
public final class SessionCancelledException extends SessionEndedException {
    private static final long serialVersionUID = 1L;

    SessionCancelledException() {
        super(SessionState.CANCELLED, "the application cancelled the session (session_cancelled)");
    }
}
