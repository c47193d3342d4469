package dev.turnpike.store;

import dev.turnpike.store.api.TokenLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link TokenLedger} contract on SQLite. */
class JdbcTokenLedgerTest extends TokenLedgerContract {

    @TempDir
    Path dir;

    @Override
    protected TokenLedger open() {
        return new JdbcTokenLedger(closedAtShutdown(Database.sqlite(dir.resolve("turnpike.db"))));
    }
}
