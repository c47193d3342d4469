package dev.turnpike.store;

import dev.turnpike.store.api.TokenLedger;
import dev.turnpike.store.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link TokenLedger} contract on PostgreSQL. */
class PostgresTokenLedgerTest extends TokenLedgerContract {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected TokenLedger open() {
        return new JdbcTokenLedger(closedAtShutdown(PG.open()));
    }
}
