package dev.turnpike.store.testing;

import dev.turnpike.store.Database;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL database for one test class, empty before each test:
 * {@code @RegisterExtension static final PostgresDatabase pg = new PostgresDatabase();}, then {@link #open()} it
 * as a gateway would. The server is shared by the whole JVM: {@value PostgresServer#URL_VARIABLE}'s, or a throwaway
 * cluster started once. Without either, the class is skipped with a loud message, and fails when {@code CI=true}.
 */
public final class PostgresDatabase implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        AfterAllCallback {

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private PostgresServer server;
    private String name;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try {
            PostgresServer.shared();
            return ConditionEvaluationResult.enabled("PostgreSQL is there");
        } catch (IOException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: without PostgreSQL these tests fail");
            }
            if (WARNED.compareAndSet(false, true)) {
                System.err.printf("%n*** PostgreSQL tests SKIPPED: %s%n*** Install the PostgreSQL server (Debian:"
                        + " apt-get install postgresql) or set %s. With CI=true they fail instead.%n%n",
                        e.getMessage(), PostgresServer.URL_VARIABLE);
            }
            return ConditionEvaluationResult.disabled("PostgreSQL tests skipped: " + e.getMessage());
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = PostgresServer.shared();
        name = server.createDatabase();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server.empty(name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (name != null) {
            server.dropDatabase(name);
            name = null;
        }
    }

    /** A new connection pool on this class's database, migrated, as a gateway opens it: close it when done. */
    public Database open() {
        return Database.postgres(url(), Optional.of(user()), Optional.of(password()), 4);
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String url() {
        return server.jdbcUrl(name);
    }

    /** The role the gateway logs in as: it owns the database and nothing more. */
    public String user() {
        return server.role();
    }

    public String password() {
        return server.rolePassword();
    }
}
