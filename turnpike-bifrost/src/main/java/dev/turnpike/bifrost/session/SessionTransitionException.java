package dev.turnpike.bifrost.session;

import java.util.Locale;

/**
 * A transition the session's state does not allow, e.g. a second approval (the first one wins) or any change to an
 * expired session. {@link #state()} is the state that refused it, which is what an API answer needs: {@code
 * APPROVED} → 409, {@code EXPIRED} → 410 {@code expired_token}, and so on.
 */
public final class SessionTransitionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The attempted transitions. */
    public enum Transition {
        APPROVE, DENY, CANCEL, CONSUME
    }

    private final Transition transition;
    private final SessionState state;

    SessionTransitionException(Transition transition, SessionState state) {
        super("cannot " + transition.name().toLowerCase(Locale.ROOT) + " a session that is "
                + state.name().toLowerCase(Locale.ROOT), null, false, false);
        this.transition = transition;
        this.state = state;
    }

    public Transition transition() {
        return transition;
    }

    /** The session's state at the attempt. */
    public SessionState state() {
        return state;
    }
}
