package dev.turnpike.store;

import dev.turnpike.l402.RootKeyStore;
import dev.turnpike.store.api.TokenLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link TokenLedger} contract on SQLite. */
class JdbcTokenLedgerTest extends TokenLedgerContract {

    @TempDir
    Path dir;

    private Database database;

    @Override
    protected TokenLedger open() {
        database = closedAtShutdown(Database.sqlite(dir.resolve("turnpike.db")));
        return new JdbcTokenLedger(database);
    }

    @Override
    protected RootKeyStore rootKeys() {
        return new JdbcRootKeyStore(database);
    }
}
