package dev.turnpike.bifrost;

/**
 * Attributes or permissions that break the rules of {@link Attributes} or {@link Permissions}; the message names
 * the field and the rule (e.g. {@code attributes.name contains a control character}). Stackless.
 */
public final class InvalidAttributesException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidAttributesException(String message) {
        super(message, null, false, false);
    }
}
