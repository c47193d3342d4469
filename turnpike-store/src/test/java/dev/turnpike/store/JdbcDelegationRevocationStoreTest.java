package dev.turnpike.store;

import dev.turnpike.store.api.DelegationRevocationStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link DelegationRevocationStore} contract on SQLite. */
class JdbcDelegationRevocationStoreTest extends DelegationRevocationStoreContract {

    @TempDir
    Path dir;

    @Override
    protected DelegationRevocationStore open() {
        return new JdbcDelegationRevocationStore(closedAtShutdown(Database.sqlite(dir.resolve("turnpike.db"))));
    }
}
