package dev.turnpike.client.bifrost;

/**
 * The bridge answered, but not as a Bifrost bridge must: a body that is not the API's JSON, a member missing or
 * invalid (e.g. a delegated key that is no Ed25519 key), a session without Bifrost's nonce, or a session that does
 * not record what the application asked for. The client refuses to go on with such a session.
 */
public final class BridgeProtocolException extends BifrostException {
    private static final long serialVersionUID = 1L;

    BridgeProtocolException(String message) {
        super(message);
    }
}
