package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy carries every table the migrations create: this fails when a migration adds a table that
 * {@link StoreTables#ALL} does not list (PostgreSQL's side: {@link StoreCopyTest}).
 */
class StoreTablesTest {

    @TempDir
    Path dir;

    @Test
    void theCopierKnowsEveryTableSqliteMigrationsCreate() throws Exception {
        try (Database db = Database.sqlite(dir.resolve("turnpike.db")); Connection c = db.dataSource().getConnection()) {
            assertThat(StoreTables.present(c, Dialect.SQLITE)).containsExactlyInAnyOrderElementsOf(StoreTables.ALL);
        }
    }

    @Test
    void aDatabaseWithATableTheCopierDoesNotKnowIsRefused() throws Exception {
        try (Database source = Database.sqlite(dir.resolve("a.db")); Database target = Database.sqlite(dir.resolve("b.db"))) {
            try (Connection c = source.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE later_feature (x INTEGER)");
            }
            assertThatThrownBy(() -> StoreCopy.copy(source, target, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the source holds the tables [bifrost_sessions, delegation_revocations,"
                            + " freebie_counts, later_feature, root_keys, tokens], this copy knows");
        }
    }

    @Test
    void aSqliteFileOpenInAGatewayIsRefusedAndFreeOnceItCloses() throws Exception {
        Path file = dir.resolve("turnpike.db");
        try (Database gateway = Database.sqlite(file)) {
            assertThatThrownBy(() -> StoreInUse.refuseOpenSqlite(file, "source"))
                    .isInstanceOfSatisfying(CopyRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(CopyRefusedException.Reason.IN_USE))
                    .hasMessage("the source " + file + " is open in another process (a running gateway?): stop it first");
        }
        StoreInUse.refuseOpenSqlite(file, "source");
        StoreInUse.refuseOpenSqlite(dir.resolve("absent.db"), "target");
    }
}
