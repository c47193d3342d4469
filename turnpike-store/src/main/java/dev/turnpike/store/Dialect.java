package dev.turnpike.store;

/**
 * What differs between the databases the stores run on: their migrations, and the little SQL that is not
 * portable. Everything else the {@code Jdbc*} stores say is the same on both.
 */
enum Dialect {

    SQLITE("classpath:db/migration/sqlite", "max",
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"),
    POSTGRES("classpath:db/migration/postgres", "GREATEST",
            "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");

    private final String migrations;
    private final String greatest;
    private final String tables;

    Dialect(String migrations, String greatest, String tables) {
        this.migrations = migrations;
        this.greatest = greatest;
        this.tables = tables;
    }

    /** Where Flyway finds this database's migrations (the same tables, in its own types). */
    String migrations() {
        return migrations;
    }

    /** The larger of two values: SQLite's two-argument {@code max}, PostgreSQL's {@code GREATEST}. */
    String greatest(String a, String b) {
        return greatest + "(" + a + ", " + b + ")";
    }

    /** A query for the names of the tables in the database (Flyway's history among them), one a row. */
    String tables() {
        return tables;
    }
}
