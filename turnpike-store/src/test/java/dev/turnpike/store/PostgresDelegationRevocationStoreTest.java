package dev.turnpike.store;

import dev.turnpike.store.api.DelegationRevocationStore;
import dev.turnpike.store.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link DelegationRevocationStore} contract on PostgreSQL. */
class PostgresDelegationRevocationStoreTest extends DelegationRevocationStoreContract {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected DelegationRevocationStore open() {
        return new JdbcDelegationRevocationStore(closedAtShutdown(PG.open()));
    }
}
