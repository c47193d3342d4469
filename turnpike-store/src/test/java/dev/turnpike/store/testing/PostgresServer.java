package dev.turnpike.store.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL server this JVM's tests use, one for all of them: the one {@value #URL_VARIABLE} names, else a
 * {@link ThrowawayCluster}. It hands out throwaway databases, each owned by one role that is neither superuser nor
 * allowed to create databases or roles: the least the gateway needs.
 */
final class PostgresServer {

    /** A server the tests may use instead of a throwaway cluster, as a user that may create roles and databases. */
    static final String URL_VARIABLE = "TURNPIKE_TEST_PG_URL";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static PostgresServer shared;
    private static IOException unavailable;

    private final String hostPort;
    private final String adminDatabase;
    private final Properties admin;
    private final String role = "turnpike_gw_" + randomHex(4);
    private final String rolePassword = randomHex(16);

    private PostgresServer(String hostPort, String adminDatabase, Optional<String> user, Optional<String> password) {
        this.hostPort = hostPort;
        this.adminDatabase = adminDatabase;
        this.admin = credentials(user, password);
    }

    /**
     * The server, reached (or started) on first use.
     *
     * @throws IOException saying why there is none, the same each time
     */
    static synchronized PostgresServer shared() throws IOException {
        if (shared == null && unavailable == null) {
            try {
                shared = reach();
            } catch (IOException | SQLException | RuntimeException e) {
                unavailable = new IOException(e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting PostgreSQL", e);
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return shared;
    }

    private static PostgresServer reach() throws IOException, SQLException, InterruptedException {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return on(ThrowawayCluster.start());
        }
        PostgresServer server = external(url);
        try {
            server.createRole();
        } catch (SQLException e) {
            throw new IOException(URL_VARIABLE + "'s server at " + server.hostPort + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::dropRole, "test-postgres-role-drop"));
        return server;
    }

    /** The server of {@code cluster}, with the gateway's role made. */
    static PostgresServer on(ThrowawayCluster cluster) throws SQLException {
        PostgresServer server = new PostgresServer("127.0.0.1:" + cluster.port(), "postgres",
                Optional.of(ThrowawayCluster.SUPERUSER), Optional.of(cluster.password()));
        server.createRole();
        return server;
    }

    /** {@code postgresql://user[:password]@host[:port]/database}, or the JDBC form with {@code user=}, {@code password=}. */
    private static PostgresServer external(String url) throws IOException {
        URI u = URI.create(url.strip().replaceFirst("^jdbc:", ""));
        if (!("postgresql".equals(u.getScheme()) || "postgres".equals(u.getScheme())) || u.getHost() == null) {
            throw new IOException(URL_VARIABLE + " must be postgresql://user[:password]@host[:port]/database");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (u.getRawUserInfo() != null) {
            String[] info = u.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(info[0]));
            password = info.length == 2 ? Optional.of(decode(info[1])) : Optional.empty();
        }
        for (String parameter : Optional.ofNullable(u.getRawQuery()).orElse("").split("&")) {
            String[] kv = parameter.split("=", 2);
            if (kv.length == 2 && kv[0].equals("user")) {
                user = Optional.of(decode(kv[1]));
            } else if (kv.length == 2 && kv[0].equals("password")) {
                password = Optional.of(decode(kv[1]));
            }
        }
        String database = u.getPath() == null || u.getPath().length() <= 1 ? "postgres" : u.getPath().substring(1);
        return new PostgresServer(u.getHost() + ":" + (u.getPort() < 0 ? 5432 : u.getPort()), database, user,
                password);
    }

    /** The gateway's role: it may log in, and will own the test databases; nothing more. */
    private void createRole() throws SQLException {
        admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + rolePassword + "'");
    }

    /** A new, empty database owned by {@link #role}; its name. */
    String createDatabase() throws SQLException {
        String name = "turnpike_test_" + randomHex(6);
        admin("CREATE DATABASE " + name + " OWNER " + role);
        return name;
    }

    void dropDatabase(String name) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Empties every table of {@code database} but Flyway's history: the schema stays migrated. */
    void empty(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), credentials(Optional.of(role),
                Optional.of(rolePassword))); Statement s = c.createStatement()) {
            StringBuilder tables = new StringBuilder();
            try (var r = s.executeQuery("SELECT quote_ident(tablename) FROM pg_tables"
                    + " WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'")) {
                while (r.next()) {
                    tables.append(tables.isEmpty() ? "" : ", ").append(r.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                s.execute("TRUNCATE " + tables);
            }
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hostPort + "/" + database;
    }

    /** The role the gateway logs in as. */
    String role() {
        return role;
    }

    String rolePassword() {
        return rolePassword;
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(adminDatabase), admin);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void dropRole() {
        try {
            admin("DROP ROLE IF EXISTS " + role);
        } catch (SQLException e) {
            // a database of a test class that never finished still belongs to it: leave both
        }
    }

    private static Properties credentials(Optional<String> user, Optional<String> password) {
        Properties p = new Properties();
        user.ifPresent(u -> p.setProperty("user", u));
        password.ifPresent(pw -> p.setProperty("password", pw));
        return p;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
