package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.store.StoreCopy.TableRows;
import dev.turnpike.store.testing.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreCopy} between a real SQLite file and a real PostgreSQL, both ways. */
class StoreCopyTest {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @TempDir
    Path dir;

    private static final List<TableRows> FILLED = List.of(new TableRows("root_keys", 3), new TableRows("tokens", 3),
            new TableRows("bifrost_sessions", 1), new TableRows("freebie_counts", 1),
            new TableRows("delegation_revocations", 1));

    @Test
    void everythingKeptOnSqliteIsServedFromPostgresqlAfterTheCopy() throws Exception {
        StoreContents contents = new StoreContents();
        try (Database sqlite = Database.sqlite(dir.resolve("turnpike.db")); Database pg = PG.open()) {
            contents.fill(sqlite);
            assertThat(StoreCopy.copy(sqlite, pg, false)).isEqualTo(FILLED);
        }
        try (Database pg = PG.open()) {
            contents.assertServedBy(pg);
        }
    }

    @Test
    void aSecondCopyIntoTheFilledTargetIsRefusedAndChangesNothingUnlessItReplaces() throws Exception {
        StoreContents first = new StoreContents();
        StoreContents second = new StoreContents();
        try (Database a = Database.sqlite(dir.resolve("a.db")); Database b = Database.sqlite(dir.resolve("b.db"));
                Database pg = PG.open()) {
            first.fill(a);
            second.fill(b);
            StoreCopy.copy(a, pg, false);
            assertThatThrownBy(() -> StoreCopy.copy(b, pg, false))
                    .isInstanceOfSatisfying(CopyRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(CopyRefusedException.Reason.TARGET_NOT_EMPTY))
                    .hasMessageContaining("the target holds data already {root_keys=3, tokens=3");
            first.assertServedBy(pg);

            assertThat(StoreCopy.copy(b, pg, true)).isEqualTo(FILLED);
            second.assertServedBy(pg);
            assertThat(new JdbcTokenLedger(pg).find(first.paid.tokenId())).isEmpty();
        }
    }

    @Test
    void theCopyGoesFromPostgresqlToSqliteToo() throws Exception {
        StoreContents contents = new StoreContents();
        try (Database pg = PG.open(); Database sqlite = Database.sqlite(dir.resolve("back.db"))) {
            contents.fill(pg);
            assertThat(StoreCopy.copy(pg, sqlite, false)).isEqualTo(FILLED);
            contents.assertServedBy(sqlite);
        }
    }

    @Test
    void aPostgresqlTargetAGatewayRunsOnIsRefused() throws Exception {
        try (Database sqlite = Database.sqlite(dir.resolve("turnpike.db")); Database gateway = PG.open();
                Database pg = PG.open()) {
            gateway.listenForChanges();
            awaitListener(pg);
            assertThatThrownBy(() -> StoreCopy.copy(sqlite, pg, false))
                    .isInstanceOfSatisfying(CopyRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(CopyRefusedException.Reason.IN_USE))
                    .hasMessage("the target database is in use by 1 running gateway: stop them first");
        }
    }

    /** Polls until the gateway's listening connection shows in pg_stat_activity (it connects on a thread). */
    private static void awaitListener(Database pg) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection c = pg.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?"
                        + " AND datname = current_database()")) {
            s.setString(1, Database.LISTENER_NAME);
            while (true) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("the gateway listens within 30 s").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Test
    void theCopierKnowsEveryTablePostgresqlMigrationsCreate() throws Exception {
        try (Database pg = PG.open(); Connection c = pg.dataSource().getConnection()) {
            assertThat(StoreTables.present(c, Dialect.POSTGRES)).containsExactlyInAnyOrderElementsOf(StoreTables.ALL);
        }
    }
}
