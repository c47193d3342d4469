package dev.turnpike.store;

/**
 * What differs between the databases the stores run on: their migrations, and the little SQL that is not
 * portable. Everything else the {@code Jdbc*} stores say is the same on both.
 */
enum Dialect {

    SQLITE("classpath:db/migration/sqlite", "max"),
    POSTGRES("classpath:db/migration/postgres", "GREATEST");

    private final String migrations;
    private final String greatest;

    Dialect(String migrations, String greatest) {
        this.migrations = migrations;
        this.greatest = greatest;
    }

    /** Where Flyway finds this database's migrations (the same tables, in its own types). */
    String migrations() {
        return migrations;
    }

    /** The larger of two values: SQLite's two-argument {@code max}, PostgreSQL's {@code GREATEST}. */
    String greatest(String a, String b) {
        return greatest + "(" + a + ", " + b + ")";
    }
}
