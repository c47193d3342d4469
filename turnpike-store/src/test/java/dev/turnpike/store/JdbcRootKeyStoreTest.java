package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root key store's contract on SQLite, and the file's journal mode. */
class JdbcRootKeyStoreTest extends RootKeyStoreContract {

    @TempDir
    Path dir;

    @Override
    protected Database open() {
        return closedAtShutdown(Database.sqlite(dir.resolve("turnpike.db")));
    }

    @Test
    void fileIsInWalMode() throws Exception {
        try (Database db = Database.sqlite(dir.resolve("turnpike.db"));
                var c = db.dataSource().getConnection();
                var s = c.createStatement();
                var r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
        }
    }
}
