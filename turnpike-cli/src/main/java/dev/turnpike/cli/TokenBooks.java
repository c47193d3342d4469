package dev.turnpike.cli;

import dev.turnpike.gateway.ledger.LedgerRecorder;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.store.CachedRootKeyStore;
import dev.turnpike.store.Database;
import dev.turnpike.store.JdbcRootKeyStore;
import dev.turnpike.store.JdbcTokenLedger;
import dev.turnpike.store.api.TokenRecord;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The store of a state folder ({@code turnpike.db}): the root keys of minted tokens and their ledger, the same books
 * as the gateway's. Opening it does not touch the embedded node's files, so a gateway may serve the folder meanwhile
 * (SQLite in WAL mode lets a second process read and write beside it).
 */
final class TokenBooks implements AutoCloseable {

    private static final int ROOT_KEY_CACHE = 100_000;

    final Database database;
    final JdbcRootKeyStore rootKeys;
    final JdbcTokenLedger ledger;
    final Clock clock;

    private TokenBooks(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.rootKeys = new JdbcRootKeyStore(database);
        this.ledger = new JdbcTokenLedger(database);
    }

    static TokenBooks open(Path dataDir, Clock clock) {
        return new TokenBooks(Database.sqlite(dataDir.resolve("turnpike.db")), clock);
    }

    /** Books minted tokens and their settlements, as they happen (on the caller's thread). */
    LedgerRecorder recorder() {
        return new LedgerRecorder(ledger, Runnable::run, clock);
    }

    /** A verifier on these root keys and the ledger's revocations. */
    L402Verifier verifier() {
        return L402Verifier.builder()
                .rootKeyStore(new CachedRootKeyStore(rootKeys, ROOT_KEY_CACHE))
                .revocationCheck(id -> ledger.find(id).map(TokenRecord::isRevoked).orElse(false))
                .clock(clock)
                .build();
    }

    @Override
    public void close() {
        database.close();
    }
}
