package dev.turnpike.store.testing;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL server of one test class's own, which the tests may stop and start again ({@link #stop},
 * {@link #start}), as an operator's restart would: a throwaway cluster from the machine's server binaries, never
 * the shared server. Without the binaries the class is skipped, and fails when {@code CI=true}.
 * {@code @RegisterExtension static final RestartablePostgres PG = new RestartablePostgres();}
 */
public final class RestartablePostgres implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private ThrowawayCluster cluster;
    private PostgresServer server;
    private String name;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (ThrowawayCluster.serverBinaries().isPresent() || "true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("PostgreSQL's server binaries are there, or CI=true");
        }
        return ConditionEvaluationResult.disabled("no PostgreSQL server binaries to make a cluster of our own");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = ThrowawayCluster.start();
        server = PostgresServer.on(cluster);
        name = server.createDatabase();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        cluster.stop();
    }

    /** Stops the server (fast shutdown: connections are closed). */
    public void stop() throws IOException, InterruptedException {
        cluster.pause();
    }

    /** Starts it again on the same port, with the same data. */
    public void start() throws IOException, InterruptedException {
        cluster.resume();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String url() {
        return server.jdbcUrl(name);
    }

    public String user() {
        return server.role();
    }

    public String password() {
        return server.rolePassword();
    }
}
