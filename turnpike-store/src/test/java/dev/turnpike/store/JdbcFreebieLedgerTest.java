package dev.turnpike.store;

import dev.turnpike.store.api.FreebieLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link FreebieLedger} contract on SQLite. */
class JdbcFreebieLedgerTest extends FreebieLedgerContract {

    @TempDir
    Path dir;

    @Override
    protected FreebieLedger open() {
        return new JdbcFreebieLedger(closedAtShutdown(Database.sqlite(dir.resolve("turnpike.db"))));
    }
}
