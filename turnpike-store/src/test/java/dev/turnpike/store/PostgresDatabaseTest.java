package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.store.testing.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            assertThat(versions(first.dataSource())).containsExactly("1", "2", "3", "4", "5");
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

    @Test
    void theSameChecksRefuseTheSameRows() throws Exception {
        byte[] id = new byte[32];
        Map<String, List<Object>> refused = Map.of(
                "INSERT INTO root_keys (id_hash, root_key, created_at) VALUES (?, ?, 0)",
                List.of(new byte[31], new byte[32]),
                "INSERT INTO tokens (token_id, payment_hash, service, price_msat, invoice, issued_at)"
                        + " VALUES (?, ?, 's', ?, 'lnbc', 0)",
                List.of(id, id, -1L),
                "INSERT INTO freebie_counts (service, network, used) VALUES ('s', 'n', ?)",
                List.of(0),
                "INSERT INTO bifrost_sessions VALUES (?, ?, '{}', 'ABC', ?, ?, NULL, 0, 1, 0, '192.0.2.7')",
                List.of(id, "k".repeat(44), id, "lost"));
        try (Database pg = PG.open(); Database sqlite = Database.sqlite(dir.resolve("turnpike.db"))) {
            for (Database db : List.of(pg, sqlite)) {
                for (Map.Entry<String, List<Object>> row : refused.entrySet()) {
                    try (Connection c = db.dataSource().getConnection();
                            PreparedStatement s = c.prepareStatement(row.getKey())) {
                        for (int i = 0; i < row.getValue().size(); i++) {
                            s.setObject(i + 1, row.getValue().get(i));
                        }
                        assertThatThrownBy(s::executeUpdate).as(row.getKey()).isInstanceOf(SQLException.class)
                                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("check"));
                    }
                }
            }
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
