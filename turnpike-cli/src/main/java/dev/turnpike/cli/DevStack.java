package dev.turnpike.cli;

import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.gateway.challenge.InvoiceChallenger;
import dev.turnpike.gateway.ledger.LedgerRecorder;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.MintException;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.lightning.node.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * The embedded defaults, wired: the development Lightning node and the store's books, with a minter, all on one state
 * folder ({@code node/} for the node, {@code turnpike.db} for the store).
 */
final class DevStack implements AutoCloseable {

    static final Duration INVOICE_EXPIRY = Duration.ofMinutes(10);
    /** SQLite's SQLITE_BUSY: another process holds the database's write lock. */
    private static final int SQLITE_BUSY = 5;

    final EmbeddedNode node;
    final TokenBooks books;
    private final LedgerRecorder recorder;
    private final Subscription settlements;
    private final SecureRandom random;

    private DevStack(EmbeddedNode node, TokenBooks books, SecureRandom random) {
        this.node = node;
        this.books = books;
        this.random = random;
        // the same books as the gateway's: minted tokens are listed, paid ones settled, revoked ones refused
        this.recorder = books.recorder();
        this.settlements = node.subscribe(recorder);
    }

    /** Mints on the embedded node and books the token; tokens without expiry only when asked for explicitly. */
    Challenge mint(ServiceSpec spec, boolean allowTokensWithoutExpiry) throws MintException {
        return minter(allowTokensWithoutExpiry).mint(spec);
    }

    private Minter minter(boolean allowTokensWithoutExpiry) {
        Minter.Builder b = Minter.builder()
                .challenger(new InvoiceChallenger(node, INVOICE_EXPIRY))
                .tokenWriter(recorder::minted)
                .random(random)
                .clock(books.clock);
        if (allowTokensWithoutExpiry) {
            b.allowTokensWithoutExpiry();
        }
        return b.build();
    }

    /**
     * Opens the folder's node, then its books. The node is one process's: while a gateway serves the folder, its
     * database stays locked, and after SQLite's wait (5 s) this fails saying so.
     */
    static DevStack open(Path dataDir) throws IOException {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        Path nodeDir = dataDir.resolve("node");
        EmbeddedNode node;
        try {
            node = EmbeddedNode.builder().dataDirectory(nodeDir).clock(clock).random(random).build();
        } catch (IOException e) {
            if (locked(e)) {
                throw new IOException("the embedded node in " + nodeDir + " is in use by another process (a gateway"
                        + " serving " + dataDir + "?), and this command needs it; stop that process, or give another"
                        + " --data-dir", e);
            }
            throw e;
        }
        try {
            return new DevStack(node, TokenBooks.open(dataDir, clock), random);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static boolean locked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() & 0xff) == SQLITE_BUSY) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        settlements.close();
        books.close();
        node.close();
    }
}
