package dev.turnpike.client.pay;

/**
 * A wallet could not pay, or could not say what became of a payment. The subtype says whether money may have left
 * the wallet: {@link PaymentRefusedException} (no), {@link WalletAuthenticationException} (no),
 * {@link PayerUnavailableException} (see {@link PayerUnavailableException#mayHaveBeenMade()}).
 * Messages keep what the wallet said; they never hold keys or preimages.
 */
public abstract sealed class PayerException extends Exception
        permits PaymentRefusedException, WalletAuthenticationException, PayerUnavailableException {

    PayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
