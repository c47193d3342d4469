package dev.turnpike.client.pay;

import dev.turnpike.nodes.http.NodeHttp;
import java.time.Duration;

/** What the lnd and Core Lightning payers share: the node's transport and how long a payment may be routed. */
abstract sealed class NodePayer implements ResumablePayer permits LndPayer, ClnPayer {

    final NodeHttp http;
    final Duration paymentTimeout;

    NodePayer(NodeHttp http, Duration paymentTimeout) {
        this.http = http;
        this.paymentTimeout = paymentTimeout;
    }

    /** E.g. {@code lnd https://127.0.0.1:8080}; never the credential. */
    @Override
    public String describe() {
        return http.dialect().nodeName() + " " + http.baseUrl();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + http.baseUrl() + ", credential redacted]";
    }
}
