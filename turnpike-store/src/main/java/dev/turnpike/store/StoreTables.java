package dev.turnpike.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables the migrations create, which a copy of the store carries over. A migration that adds a table adds it
 * here too: a copy refuses a database holding a table it does not know rather than leave that table behind.
 */
final class StoreTables {

    /** Every table, in the order they are copied (none refers to another). */
    static final List<String> ALL =
            List.of("root_keys", "tokens", "bifrost_sessions", "freebie_counts", "delegation_revocations");

    /** Flyway's own record of the migrations applied: each database keeps its own. */
    static final String MIGRATION_HISTORY = "flyway_schema_history";

    private StoreTables() {}

    /** The tables in the database, but for Flyway's history, sorted by name. */
    static Set<String> present(Connection c, Dialect dialect) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(dialect.tables())) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        names.remove(MIGRATION_HISTORY);
        return names;
    }

    /** @throws IllegalStateException if the database holds a table this copy does not know (or lacks one it does) */
    static void requireKnown(Connection c, Dialect dialect, String which) throws SQLException {
        Set<String> present = present(c, dialect);
        if (!present.equals(new TreeSet<>(ALL))) {
            throw new IllegalStateException("the " + which + " holds the tables " + present + ", this copy knows "
                    + new TreeSet<>(ALL) + ": use the turnpike version that made it");
        }
    }
}
