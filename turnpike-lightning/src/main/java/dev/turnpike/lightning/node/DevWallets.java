package dev.turnpike.lightning.node;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The wallets of a development node, each spent from with an API key: what the gateway's LNbits-compatible dev
 * wallet API serves. A wallet is named by the id {@link #authenticate} returns.
 */
public interface DevWallets {

    /** The id of the wallet this API key spends from; empty if it opens none, or is not of a key's form. */
    Optional<String> authenticate(String apiKey) throws LightningException;

    /** @throws InvalidRequestException if the wallet does not exist */
    long balanceMsat(String wallet) throws LightningException;

    /**
     * Pays a BOLT #11 invoice from the wallet, for any amount the wallet may hold.
     *
     * @throws PaymentFailedException if the payment was refused and not made
     * @throws InvalidRequestException if {@code bolt11} is not a valid invoice, has no amount, or the wallet does
     *     not exist
     * @throws BackendUnavailableException if the node's storage failed
     */
    PaymentResult pay(String wallet, String bolt11) throws LightningException;

    /** The payment the wallet made of the invoice with this hash, with its preimage; empty if it made none. */
    Optional<Payment> payment(String wallet, PaymentHash paymentHash) throws LightningException;

    /**
     * Makes a wallet and funds it from the node's faucet with test coins; its API key is in the answer only.
     *
     * @throws InvalidRequestException if the amount is not positive or more than a wallet may hold
     */
    NewWallet create(Optional<String> name, long amountMsat) throws LightningException;

    /** The newest wallets first, at most {@code limit}, never with their keys. */
    List<Listing> wallets(int limit) throws LightningException;

    /** A wallet just made: the only time its API key is shown. */
    record NewWallet(String walletId, String apiKey, long balanceMsat) {
        @Override
        public String toString() {
            return "NewWallet[" + walletId + ", apiKey redacted, " + balanceMsat + " msat]";
        }
    }

    /**
     * A wallet in a listing.
     *
     * @param createdAt empty when the node did not record it
     */
    record Listing(String walletId, Optional<String> name, long balanceMsat, Optional<Instant> createdAt) {}

    /**
     * A payment a dev wallet made: settled, with the preimage that proves it.
     *
     * @param bolt11 the invoice paid; null if the node no longer knows it
     * @param settledAt when it was paid; null if the node does not know
     */
    record Payment(PaymentHash paymentHash, String bolt11, long amountMsat, long feeMsat, Preimage preimage,
            Instant settledAt) {}
}
