package dev.turnpike.gateway.metrics;

import dev.turnpike.lightning.node.HealthReporting;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The gateway's meters on a Prometheus registry: requests by service and outcome, challenges issued,
 * tokens verified by reason, upstream latency. Meters are created per service at start, so recording
 * is an array index and an increment.
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry;
    private final ServiceMetrics unrouted;
    private final Counter clientProtocolErrors;
    private final Counter refusedConnections;

    public GatewayMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.unrouted = new ServiceMetrics(registry, "none");
        this.clientProtocolErrors = Counter.builder("turnpike.client.protocol.errors")
                .description("client connections closed for a protocol error (malformed HTTP/2, failed TLS handshake)")
                .register(registry);
        this.refusedConnections = Counter.builder("turnpike.connections.refused")
                .description("client connections closed as accepted: their network holds too many already")
                .register(registry);
    }

    public static GatewayMetrics create() {
        return new GatewayMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** The registry, for an admin listener to serve {@code /metrics} ({@link PrometheusMeterRegistry#scrape()}). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The meters of one service; call once per service at start. */
    public ServiceMetrics service(String name) {
        return new ServiceMetrics(registry, name);
    }

    /** The meters of requests that matched no service. */
    public ServiceMetrics unrouted() {
        return unrouted;
    }

    /** Counts client connections closed for a protocol error. */
    public Counter clientProtocolErrors() {
        return clientProtocolErrors;
    }

    /** Counts client connections refused for their network's cap. */
    public Counter refusedConnections() {
        return refusedConnections;
    }

    /** Reports {@code turnpike.lightning.up}: 1 while the Lightning backend answers, else 0. */
    public void lightning(HealthReporting backend) {
        Gauge.builder("turnpike.lightning.up", backend, b -> b.health().isUp() ? 1 : 0)
                .description("1 while the Lightning backend answers, else 0")
                .register(registry);
    }
}
