package dev.turnpike.gateway.server;

import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.gateway.challenge.InvoiceChallenger;
import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.l402.Challenger;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.MintedTokenWriter;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The L402 side of a gateway under test: an embedded node, a minter, a verifier, a funded wallet. */
final class L402Fixture implements AutoCloseable {

    final MutableClock clock = new MutableClock(Instant.now());
    final Map<RootKeyId, RootKey> rootKeys = new ConcurrentHashMap<>();
    final RevocationSet revocations = new RevocationSet();
    final SecureRandom random = new SecureRandom();
    final EmbeddedNode node;
    final Minter minter;
    final L402Verifier verifier;
    private final WalletCredentials wallet;

    L402Fixture() throws Exception {
        node = EmbeddedNode.builder().random(random).build();
        wallet = node.createWallet();
        node.fund(wallet.walletId(), 100_000_000);
        minter = minterWith(new InvoiceChallenger(node, Duration.ofMinutes(10)));
        verifier = L402Verifier.builder()
                .rootKeyStore(id -> Optional.ofNullable(rootKeys.get(id)))
                .revocationCheck(revocations)
                .clock(clock)
                .build();
    }

    Minter minterWith(Challenger challenger) {
        return minter(challenger, token -> rootKeys.put(token.rootKeyId(), token.rootKey()));
    }

    /** Mints on the node; {@code writer} stores each token, and must keep its key in {@link #rootKeys}. */
    Minter minterWith(MintedTokenWriter writer) {
        return minter(new InvoiceChallenger(node, Duration.ofMinutes(10)), writer);
    }

    private Minter minter(Challenger challenger, MintedTokenWriter writer) {
        return Minter.builder().challenger(challenger).tokenWriter(writer).random(random).clock(clock).build();
    }

    Preimage pay(String bolt11) throws Exception {
        return Preimage.of(node.payer(wallet.walletId()).pay(bolt11, new PaymentLimits(1_000_000, 0)).preimage().bytes());
    }

    @Override
    public void close() {
        node.close();
    }
}
