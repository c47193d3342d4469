package dev.turnpike.store;

import dev.turnpike.store.api.SessionStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link SessionStore} contract on SQLite. */
class JdbcSessionStoreTest extends SessionStoreContract {

    @TempDir
    Path dir;

    @Override
    protected SessionStore open() {
        return new JdbcSessionStore(closedAtShutdown(Database.sqlite(dir.resolve("turnpike.db"))));
    }
}
