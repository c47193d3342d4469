package dev.turnpike.cli;

import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.gateway.challenge.InvoiceChallenger;
import dev.turnpike.gateway.ledger.LedgerRecorder;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.MintException;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.lightning.node.Subscription;
import dev.turnpike.store.CachedRootKeyStore;
import dev.turnpike.store.Database;
import dev.turnpike.store.JdbcRootKeyStore;
import dev.turnpike.store.JdbcTokenLedger;
import dev.turnpike.store.api.TokenRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The embedded defaults, wired: the development Lightning node, the SQLite store, a minter and a
 * verifier, all on one state folder ({@code node/} for the node, {@code turnpike.db} for the store).
 */
final class DevStack implements AutoCloseable {

    static final Duration INVOICE_EXPIRY = Duration.ofMinutes(10);
    private static final int ROOT_KEY_CACHE = 100_000;

    final EmbeddedNode node;
    final Database database;
    final L402Verifier verifier;
    final Clock clock;
    private final JdbcRootKeyStore rootKeys;
    private final JdbcTokenLedger ledger;
    private final LedgerRecorder recorder;
    private final Subscription settlements;
    private final SecureRandom random;

    private DevStack(EmbeddedNode node, Database database, Clock clock, SecureRandom random) {
        this.node = node;
        this.database = database;
        this.clock = clock;
        this.random = random;
        this.rootKeys = new JdbcRootKeyStore(database, clock);
        this.ledger = new JdbcTokenLedger(database);
        // the same books as the gateway's: minted tokens are listed, paid ones settled, revoked ones refused
        this.recorder = new LedgerRecorder(ledger, Runnable::run, clock);
        this.settlements = node.subscribe(recorder);
        this.verifier = verifier(clock);
    }

    /** A verifier on this stack's root keys and the ledger's revocations, reading time from {@code clock}. */
    L402Verifier verifier(Clock clock) {
        return L402Verifier.builder()
                .rootKeyStore(new CachedRootKeyStore(rootKeys, ROOT_KEY_CACHE))
                .revocationCheck(id -> ledger.find(id).map(TokenRecord::isRevoked).orElse(false))
                .clock(clock)
                .build();
    }

    /** Mints on the embedded node and books the token; tokens without expiry only when asked for explicitly. */
    Challenge mint(ServiceSpec spec, boolean allowTokensWithoutExpiry) throws MintException {
        return recorder.booking(minter(allowTokensWithoutExpiry)::mint).mint(spec);
    }

    private Minter minter(boolean allowTokensWithoutExpiry) {
        Minter.Builder b = Minter.builder()
                .challenger(new InvoiceChallenger(node, INVOICE_EXPIRY))
                .rootKeyWriter(rootKeys)
                .random(random)
                .clock(clock);
        if (allowTokensWithoutExpiry) {
            b.allowTokensWithoutExpiry();
        }
        return b.build();
    }

    static DevStack open(Path dataDir) throws IOException {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        EmbeddedNode node = EmbeddedNode.builder()
                .dataDirectory(dataDir.resolve("node"))
                .clock(clock)
                .random(random)
                .build();
        try {
            return new DevStack(node, Database.sqlite(dataDir.resolve("turnpike.db")), clock, random);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    @Override
    public void close() {
        settlements.close();
        database.close();
        node.close();
    }
}
