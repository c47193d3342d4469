package dev.turnpike.gateway.metrics;

import dev.turnpike.l402.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;

/**
 * The meters of one service, created up front: requests by outcome (a count, and for those answered by the gateway
 * or forwarded, their duration as a Prometheus histogram), tokens and delegated tokens verified by reason,
 * challenges issued, and the upstream's latency to the response head (a histogram).
 */
public final class ServiceMetrics {

    /** The histograms' buckets: from half a millisecond, a gateway's own answer, to ten seconds, a slow upstream. */
    static final Duration[] BUCKETS = DoubleStream.of(0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToObj(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toArray(Duration[]::new);

    private final Counter[] outcomes;
    private final Timer[] durations;
    private final Counter[] refused;
    private final Counter valid;
    private final Counter unsettled;
    private final Counter challenges;
    private final Counter[] delegationsRefused;
    private final Counter delegationsValid;
    private final Timer upstreamLatency;

    ServiceMetrics(MeterRegistry registry, String service) {
        Outcome[] all = Outcome.values();
        outcomes = new Counter[all.length];
        durations = new Timer[all.length];
        for (Outcome o : all) {
            outcomes[o.ordinal()] = Counter.builder("turnpike.requests").description("requests by service and outcome")
                    .tag("service", service).tag("outcome", o.tag).register(registry);
            durations[o.ordinal()] = Timer.builder("turnpike.request.duration")
                    .description("from the request's head to the gateway's answer or the upstream's last byte")
                    .tag("service", service).tag("outcome", o.tag).serviceLevelObjectives(BUCKETS).register(registry);
        }
        Reason[] reasons = Reason.values();
        refused = new Counter[reasons.length];
        for (Reason r : reasons) {
            refused[r.ordinal()] = verified(registry, service, r.name().toLowerCase(Locale.ROOT));
        }
        valid = verified(registry, service, "valid");
        unsettled = verified(registry, service, "not_settled");
        dev.turnpike.bifrost.Reason[] delegationReasons = dev.turnpike.bifrost.Reason.values();
        delegationsRefused = new Counter[delegationReasons.length];
        for (dev.turnpike.bifrost.Reason r : delegationReasons) {
            delegationsRefused[r.ordinal()] = delegations(registry, service, r.code());
        }
        delegationsValid = delegations(registry, service, "valid");
        challenges = Counter.builder("turnpike.challenges").description("L402 challenges issued")
                .tag("service", service).register(registry);
        // registered at zero so that a rate exists before the first payment (GatewayMetrics#payment counts them)
        Counter.builder("turnpike.payments").tag("service", service).register(registry);
        Counter.builder("turnpike.revenue.sat").tag("service", service).register(registry);
        upstreamLatency = Timer.builder("turnpike.upstream.latency")
                .description("time from sending a request upstream to its response head")
                .tag("service", service).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private static Counter verified(MeterRegistry registry, String service, String reason) {
        return Counter.builder("turnpike.tokens.verified").description("L402 tokens verified, by reason")
                .tag("service", service).tag("reason", reason).register(registry);
    }

    private static Counter delegations(MeterRegistry registry, String service, String reason) {
        return Counter.builder("turnpike.delegations.verified")
                .description("Bifrost delegated tokens and proofs verified, by reason")
                .tag("service", service).tag("reason", reason).register(registry);
    }

    /** Counts a request whose duration says nothing (a held API request, one refused before it was read). */
    public void outcome(Outcome outcome) {
        outcomes[outcome.ordinal()].increment();
    }

    /** Counts a request and records how long it took, {@code nanos} since its head arrived. */
    public void finished(Outcome outcome, long nanos) {
        outcomes[outcome.ordinal()].increment();
        durations[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    public void verifiedValid() {
        valid.increment();
    }

    public void refused(Reason reason) {
        refused[reason.ordinal()].increment();
    }

    /** A delegated request whose token (and proof, if checked) was accepted. */
    public void delegationValid() {
        delegationsValid.increment();
    }

    public void delegationRefused(dev.turnpike.bifrost.Reason reason) {
        delegationsRefused[reason.ordinal()].increment();
    }

    /** A token whose preimage is right but whose invoice the backend does not report settled (strict_verify). */
    public void refusedUnsettled() {
        unsettled.increment();
    }

    public void challengeIssued() {
        challenges.increment();
    }

    public void upstreamLatency(long nanos) {
        upstreamLatency.record(nanos, TimeUnit.NANOSECONDS);
    }
}
