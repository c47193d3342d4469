package dev.turnpike.client.token;

import java.io.IOException;

/** The token store could not be read or written (not a corrupt file: that is treated as absent). */
public final class TokenStoreException extends IOException {

    public TokenStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
