package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.store.testing.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Opening PostgreSQL: the login, the privileges it needs, the migrations, and the same schema as SQLite's. */
class PostgresDatabaseTest {

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @TempDir
    Path dir;

    @Test
    void theGatewayNeedsNoMoreThanToOwnItsDatabase() throws Exception {
        try (Database db = PG.open(); Connection c = db.dataSource().getConnection();
                ResultSet r = c.createStatement().executeQuery("SELECT rolsuper, rolcreatedb, rolcreaterole"
                        + " FROM pg_roles WHERE rolname = current_user")) {
            assertThat(r.next()).isTrue();
            assertThat(List.of(r.getBoolean(1), r.getBoolean(2), r.getBoolean(3))).containsOnly(false);
        }
    }

    @Test
    void gatewaysStartingTogetherMigrateOnceAndBothRun() throws Exception {
        CompletableFuture<Database> a = CompletableFuture.supplyAsync(PG::open);
        CompletableFuture<Database> b = CompletableFuture.supplyAsync(PG::open);
        try (Database first = a.join(); Database second = b.join()) {
            assertThat(versions(first.dataSource())).containsExactly("1", "2", "3", "4");
        }
    }

    @Test
    void aRefusedLoginNamesTheServerAndNeverThePassword() {
        String wrong = "not-the-password-" + System.nanoTime();
        assertThatThrownBy(() -> Database.postgres(PG.url() + "?sslmode=disable", Optional.of(PG.user()),
                Optional.of(wrong), 2))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("PostgreSQL at " + PG.url() + " cannot be used: ")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining(wrong);
    }

    @Test
    void theTablesAndColumnsAreTheSameAsOnSqlite() throws Exception {
        try (Database pg = PG.open(); Database sqlite = Database.sqlite(dir.resolve("turnpike.db"))) {
            assertThat(columns(pg.dataSource())).isEqualTo(columns(sqlite.dataSource())).isNotEmpty();
        }
    }

    private static List<String> versions(DataSource db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet r = c.createStatement().executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** Table → its columns in order, as the JDBC metadata says (the stores' tables only). */
    private static TreeMap<String, List<String>> columns(DataSource db) throws SQLException {
        TreeMap<String, List<String>> out = new TreeMap<>();
        try (Connection c = db.getConnection();
                ResultSet r = c.getMetaData().getColumns(null, c.getSchema(), "%", "%")) {
            while (r.next()) {
                String table = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!table.startsWith("flyway_") && !table.startsWith("sqlite_")) {
                    out.computeIfAbsent(table, t -> new ArrayList<>())
                            .add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
