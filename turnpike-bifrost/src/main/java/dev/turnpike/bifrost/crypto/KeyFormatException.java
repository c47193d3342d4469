package dev.turnpike.bifrost.crypto;

/**
 * Text or bytes that are not a usable Ed25519 public key: not base58, not 32 bytes, or not a point of the
 * prime-order subgroup. Public keys are not secret, so the message may describe the input; it never contains
 * private key material. Stackless.
 */
public final class KeyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    KeyFormatException(String message) {
        super(message, null, false, false);
    }
}
