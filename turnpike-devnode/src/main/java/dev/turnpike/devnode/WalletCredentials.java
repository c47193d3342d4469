package dev.turnpike.devnode;

import java.util.Objects;

/** A new wallet's id and the API key that spends from it; the key is shown only here. */
public record WalletCredentials(WalletId walletId, ApiKey apiKey) {

    public WalletCredentials {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(apiKey, "apiKey");
    }
}
