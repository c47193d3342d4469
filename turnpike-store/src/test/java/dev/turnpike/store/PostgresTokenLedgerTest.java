package dev.turnpike.store;

import dev.turnpike.l402.RootKeyStore;
import dev.turnpike.store.api.TokenLedger;
import dev.turnpike.store.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link TokenLedger} contract on PostgreSQL. */
class PostgresTokenLedgerTest extends TokenLedgerContract {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    private Database database;

    @Override
    protected TokenLedger open() {
        database = closedAtShutdown(PG.open());
        return new JdbcTokenLedger(database);
    }

    @Override
    protected RootKeyStore rootKeys() {
        return new JdbcRootKeyStore(database);
    }
}
