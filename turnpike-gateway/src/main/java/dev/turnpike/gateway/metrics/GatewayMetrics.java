package dev.turnpike.gateway.metrics;

import dev.turnpike.lightning.node.HealthReporting;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The gateway's meters on a Prometheus registry: per service ({@link ServiceMetrics}) requests by outcome with
 * their duration, challenges issued, tokens verified by reason, upstream latency; requests outside any service
 * under {@value #UNROUTED} (not a valid service name, so it never collides with one); client connections refused
 * or closed for a protocol error; the Lightning backend's health; and the JVM's and the process's own meters
 * (heap, GC, threads, CPU, open files, uptime). Meters are created per service at start, so recording is an array
 * index and an increment.
 */
public final class GatewayMetrics {

    /** The service label of requests that matched no service. */
    public static final String UNROUTED = "(none)";
    /** The outcomes of {@link #bifrostSession}, registered at zero. */
    static final List<String> SESSION_OUTCOMES = List.of("created", "approved", "approval_refused", "rejected",
            "cancelled", "read", "expired");

    private final PrometheusMeterRegistry registry;
    private final ServiceMetrics unrouted;
    private final Counter clientProtocolErrors;
    private final Counter refusedConnections;
    private final Counter accessLogDropped;

    public GatewayMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.unrouted = new ServiceMetrics(registry, UNROUTED);
        for (MeterBinder jvm : List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new FileDescriptorMetrics(), new UptimeMetrics())) {
            jvm.bindTo(registry);
        }
        this.clientProtocolErrors = Counter.builder("turnpike.client.protocol.errors")
                .description("client connections closed for a protocol error (malformed HTTP/2, failed TLS handshake)")
                .register(registry);
        this.refusedConnections = Counter.builder("turnpike.connections.refused")
                .description("client connections closed as accepted: their network holds too many already")
                .register(registry);
        this.accessLogDropped = Counter.builder("turnpike.access.log.dropped")
                .description("access log lines dropped because the writer fell behind")
                .register(registry);
        for (String outcome : SESSION_OUTCOMES) {
            bifrostSessions(outcome);
        }
    }

    private Counter bifrostSessions(String outcome) {
        return Counter.builder("turnpike.bifrost.sessions").description("Bifrost login sessions by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** Counts access log lines dropped because its writer fell behind. */
    public Counter accessLogDropped() {
        return accessLogDropped;
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

    /** Counts a payment the books recorded for the first time: {@code turnpike.payments} and its revenue in sat. */
    public void payment(String service, long msat) {
        Counter.builder("turnpike.payments").description("payments of L402 tokens, counted once when booked")
                .tag("service", service).register(registry).increment();
        Counter.builder("turnpike.revenue.sat").description("revenue of the payments, in sat (fractions for msat)")
                .tag("service", service).register(registry).increment(msat / 1000.0);
    }

    /**
     * Counts a Bifrost session event by {@code outcome}: created, approved, approval_refused, rejected, cancelled or
     * read (its token handed over).
     */
    public void bifrostSession(String outcome) {
        bifrostSessions(outcome).increment();
    }

    /** Reports {@code turnpike.lightning.up}: 1 while the Lightning backend answers, else 0. */
    public void lightning(HealthReporting backend) {
        Gauge.builder("turnpike.lightning.up", backend, b -> b.health().isUp() ? 1 : 0)
                .description("1 while the Lightning backend answers, else 0")
                .register(registry);
    }
}
