package dev.turnpike.gateway.hosting;

import java.util.Objects;

/**
 * What a held request ({@link ApiAnswer.Later} or {@link ApiAnswer.EventStream}) is about, for the server's caps on
 * held requests ({@link HeldLimits}): anonymous and authenticated holds are counted apart, so anonymous ones never
 * take the places of authenticated ones.
 *
 * @param scope         what it waits on (e.g. a session), capped at {@link HeldLimits#perScope()} holds of each kind;
 *                      "" for none
 * @param authenticated whether the caller proved a credential of the scope: it may use the places reserved for such
 */
public record Hold(String scope, boolean authenticated) {

    /** An anonymous hold of no particular scope: what APIs that do not say get. */
    public static final Hold ANONYMOUS = new Hold("", false);

    public Hold {
        Objects.requireNonNull(scope, "scope");
    }
}
