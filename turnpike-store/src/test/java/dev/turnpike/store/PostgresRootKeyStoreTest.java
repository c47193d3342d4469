package dev.turnpike.store;

import dev.turnpike.store.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The root key store's contract on PostgreSQL. */
class PostgresRootKeyStoreTest extends RootKeyStoreContract {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected Database open() {
        return closedAtShutdown(PG.open());
    }
}
