package dev.turnpike.devnode;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.DevWallets;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The dev wallets of an {@link EmbeddedNode}, as the gateway's dev wallet API uses them. */
public final class EmbeddedDevWallets implements DevWallets {

    private final EmbeddedNode node;

    public EmbeddedDevWallets(EmbeddedNode node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public Optional<String> authenticate(String apiKey) throws LightningException {
        Optional<ApiKey> key = ApiKey.parse(apiKey);
        return key.isPresent() ? node.authenticate(key.get()).map(WalletId::value) : Optional.empty();
    }

    @Override
    public long balanceMsat(String wallet) throws LightningException {
        return node.balanceMsat(new WalletId(wallet));
    }

    @Override
    public PaymentResult pay(String wallet, String bolt11) throws LightningException {
        return node.payer(new WalletId(wallet)).pay(bolt11, new PaymentLimits(EmbeddedNode.MAX_BALANCE_MSAT, 0));
    }

    @Override
    public NewWallet create(Optional<String> name, long amountMsat) throws LightningException {
        if (amountMsat <= 0) { // checked before the wallet is made, not by the faucet after
            throw new InvalidRequestException("funding amount must be positive: " + amountMsat);
        }
        WalletCredentials made = node.createWallet(name);
        long balance = node.fund(made.walletId(), amountMsat);
        return new NewWallet(made.walletId().value(), made.apiKey().reveal(), balance);
    }

    @Override
    public List<Listing> wallets(int limit) throws LightningException {
        return node.wallets(limit).stream()
                .map(w -> new Listing(w.id().value(), w.name(), w.balanceMsat(), w.createdAt())).toList();
    }

    @Override
    public Optional<Payment> payment(String wallet, PaymentHash paymentHash) throws LightningException {
        Optional<WalletPayment> made = node.payment(new WalletId(wallet), paymentHash);
        if (made.isEmpty()) {
            return Optional.empty();
        }
        WalletPayment p = made.get();
        String bolt11 = node.lookup(p.paymentHash()).map(Invoice::bolt11).orElse(null);
        return Optional.of(new Payment(p.paymentHash(), bolt11, p.amountMsat(), p.feeMsat(), p.preimage(), p.settledAt()));
    }
}
