package dev.turnpike.nodes.backend;

import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.nodes.http.Durations;
import dev.turnpike.nodes.http.HealthTracker;
import dev.turnpike.nodes.http.NodeHttp;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What every remote invoice backend's builder configures, with the defaults: network bitcoin (mainnet), connect
 * timeout 3 s, call timeout 5 s, reconnect backoff 0.5 s doubling to 30 s, at most 100,000 open invoices watched.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class BackendSettings<B extends BackendSettings<B>> {

    Network network = Network.BITCOIN;
    Clock clock = Clock.systemUTC();
    RandomGenerator random = new SecureRandom();
    Duration connectTimeout = Duration.ofSeconds(3);
    Duration requestTimeout = Duration.ofSeconds(5);
    Duration backoffInitial = Duration.ofMillis(500);
    Duration backoffMax = Duration.ofSeconds(30);
    int maxWatchedInvoices = 100_000;

    protected abstract B self();

    /** The chain the gateway sells on: an invoice for another network is refused. */
    public B network(Network network) {
        this.network = Objects.requireNonNull(network, "network");
        return self();
    }

    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** Jitter of the reconnect backoff, and CLN's invoice labels. */
    public B random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return self();
    }

    public B connectTimeout(Duration timeout) {
        this.connectTimeout = Durations.positive(timeout, "the connect timeout");
        return self();
    }

    /** The most one call to the node may take (the {@code InvoiceBackend} contract's timeout). */
    public B requestTimeout(Duration timeout) {
        this.requestTimeout = Durations.positive(timeout, "the request timeout");
        return self();
    }

    /** Reconnect delays: from {@code initial}, doubling (with jitter) up to {@code max}. */
    public B backoff(Duration initial, Duration max) {
        Durations.positive(initial, "the initial backoff");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the backoff maximum must be at least its initial delay");
        }
        this.backoffInitial = initial;
        this.backoffMax = max;
        return self();
    }

    public B maxWatchedInvoices(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxWatchedInvoices must be positive: " + max);
        }
        this.maxWatchedInvoices = max;
        return self();
    }

    /** The transport's timeouts and a health tracker on this clock. */
    protected NodeHttp.Builder configure(NodeHttp.Builder http) {
        return http.connectTimeout(connectTimeout).requestTimeout(requestTimeout).health(new HealthTracker(clock));
    }

}
