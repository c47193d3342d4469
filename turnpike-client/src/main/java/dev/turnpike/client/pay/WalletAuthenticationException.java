package dev.turnpike.client.pay;

/** The wallet refused the key (LNbits: 401, 403, or 404 "Wallet not found."): nothing was paid. */
public final class WalletAuthenticationException extends PayerException {

    private final int httpStatus;

    public WalletAuthenticationException(String message, int httpStatus) {
        super(message, null);
        this.httpStatus = httpStatus;
    }

    /** The wallet's HTTP status, or 0 if the wallet is not reached over HTTP. */
    public int httpStatus() {
        return httpStatus;
    }
}
