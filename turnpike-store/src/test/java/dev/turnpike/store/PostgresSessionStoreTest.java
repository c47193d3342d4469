package dev.turnpike.store;

import dev.turnpike.store.api.SessionStore;
import dev.turnpike.store.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link SessionStore} contract on PostgreSQL. */
class PostgresSessionStoreTest extends SessionStoreContract {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected SessionStore open() {
        return new JdbcSessionStore(closedAtShutdown(PG.open()));
    }
}
