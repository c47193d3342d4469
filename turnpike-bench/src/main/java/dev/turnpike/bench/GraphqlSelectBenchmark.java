package dev.turnpike.bench;

import dev.turnpike.gateway.graphql.GraphqlRequestException;
import dev.turnpike.gateway.graphql.GraphqlRequestReader;
import dev.turnpike.gateway.graphql.OperationSelector;
import dev.turnpike.gateway.graphql.SelectedOperation;
import dev.turnpike.gateway.route.GraphqlEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the gateway does with the body of a delegated request to a GraphQL endpoint, once read: JSON, then
 * graphql-java's parser under the default limits, then the operation and its root fields. {@code small}: the demo's
 * {@code { sites { id } }}; {@code typical}: a named query with variables, a fragment and nested fields (475
 * bytes), as dashboards send; {@code mutation}: an aliased mutation through a fragment spread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx1g"})
public class GraphqlSelectBenchmark {

    private static final String JSON = "application/json";
    private static final byte[] SMALL = "{\"query\": \"{ sites { id } }\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPICAL = ("{\"query\": \"query SiteDashboard($site: ID!, $from: String, $to: String)"
            + " { site(id: $site) { id name ...Meters gateways { id serial firmware status lastSeen } }"
            + " prices(area: SE3, from: $from, to: $to) { hour price currency } viewer { wallet name } }"
            + " fragment Meters on Site { meters { id kind powerW energyWh readings(last: 24) { at powerW } } }\","
            + " \"operationName\": \"SiteDashboard\", \"variables\": {\"site\": \"site-1\","
            + " \"from\": \"2026-12-06T00:00:00Z\", \"to\": \"2026-12-07T00:00:00Z\"}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] MUTATION = ("{\"query\": \"mutation Move { ...M } fragment M on Mutation"
            + " { t: transferGateway(gatewayId: \\\"g1\\\", to: \\\"w2\\\") { ok } }\"}").getBytes(StandardCharsets.UTF_8);

    private final GraphqlRequestReader reader = new GraphqlRequestReader(new OperationSelector(
            GraphqlEndpoint.DEFAULT_MAX_BODY, GraphqlEndpoint.DEFAULT_MAX_TOKENS, GraphqlEndpoint.DEFAULT_MAX_DEPTH));

    @Benchmark
    public List<SelectedOperation> small() throws GraphqlRequestException {
        return reader.read(null, null, JSON, SMALL);
    }

    @Benchmark
    public List<SelectedOperation> typical() throws GraphqlRequestException {
        return reader.read(null, null, JSON, TYPICAL);
    }

    @Benchmark
    public List<SelectedOperation> mutation() throws GraphqlRequestException {
        return reader.read(null, null, JSON, MUTATION);
    }
}
