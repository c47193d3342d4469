package dev.turnpike.client;

import java.io.IOException;

/**
 * The client could not complete an L402 exchange. An {@link IOException}, so {@link L402Client#send} keeps the
 * signature of {@link java.net.http.HttpClient#send}; the subtype says whether money moved.
 */
public abstract sealed class L402ClientException extends IOException
        permits ChallengeRefusedException, L402PaymentException {

    L402ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
