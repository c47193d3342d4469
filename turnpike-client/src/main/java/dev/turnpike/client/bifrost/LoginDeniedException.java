package dev.turnpike.client.bifrost;

import dev.turnpike.bifrost.session.SessionState;

/** The wallet's user denied the request ({@code access_denied}). */
public final class LoginDeniedException extends SessionEndedException {
    private static final long serialVersionUID = 1L;

    LoginDeniedException() {
        super(SessionState.DENIED, "the wallet's user denied the request (access_denied)");
    }
}
