package dev.turnpike.client.pay;

import dev.turnpike.nodes.http.Durations;
import dev.turnpike.nodes.http.NodeHttp;
import java.time.Duration;

/**
 * The timeouts of the lnd and Core Lightning payers: a payment may be routed for 60 s, any other call may take 5 s,
 * connecting 3 s.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class NodePayerSettings<B extends NodePayerSettings<B>> {

    Duration paymentTimeout = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration connectTimeout = Duration.ofSeconds(3);

    NodePayerSettings() {}

    abstract B self();

    /** How long the node may try to route one payment (whole seconds; the node's own timeout parameter). */
    public B paymentTimeout(Duration timeout) {
        this.paymentTimeout = Durations.wholeSeconds(timeout, "the payment timeout");
        return self();
    }

    /** How long a status query may take, and the margin a payment call gets beyond the payment timeout. */
    public B requestTimeout(Duration timeout) {
        this.requestTimeout = Durations.positive(timeout, "the request timeout");
        return self();
    }

    public B connectTimeout(Duration timeout) {
        this.connectTimeout = Durations.positive(timeout, "the connect timeout");
        return self();
    }

    NodeHttp.Builder configure(NodeHttp.Builder http) {
        return http.connectTimeout(connectTimeout).requestTimeout(requestTimeout);
    }
}
