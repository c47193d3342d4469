package dev.turnpike.store;

import dev.turnpike.store.api.FreebieLedger;
import dev.turnpike.store.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link FreebieLedger} contract on PostgreSQL. */
class PostgresFreebieLedgerTest extends FreebieLedgerContract {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected FreebieLedger open() {
        return new JdbcFreebieLedger(closedAtShutdown(PG.open()));
    }
}
