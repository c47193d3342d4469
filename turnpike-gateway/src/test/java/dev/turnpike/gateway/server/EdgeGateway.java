package dev.turnpike.gateway.server;

import dev.turnpike.gateway.pipeline.Pipeline;
import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

/**
 * A started gateway on a free loopback port over {@link GatewayEdgeTest#pipeline}'s services (a paid
 * {@code quotes}, an open {@code open}), with a node and an upstream of its own; the tests that need a gateway
 * with one setting changed start one of these.
 */
final class EdgeGateway implements AutoCloseable {

    final L402Fixture l402;
    final TestUpstream upstream;
    final Gateway gateway;
    final int port;

    private EdgeGateway(L402Fixture l402, TestUpstream upstream, Gateway gateway, int port) {
        this.l402 = l402;
        this.upstream = upstream;
        this.gateway = gateway;
        this.port = port;
    }

    static EdgeGateway start(UnaryOperator<Gateway.Builder> settings) throws Exception {
        return start(UnaryOperator.identity(), settings);
    }

    static EdgeGateway start(UnaryOperator<Pipeline.Builder> pipeline, UnaryOperator<Gateway.Builder> settings)
            throws Exception {
        L402Fixture l402 = new L402Fixture();
        TestUpstream upstream = new TestUpstream();
        Gateway gateway = settings.apply(Gateway.builder(pipeline.apply(GatewayEdgeTest.pipeline(l402, upstream)))
                .listen(new InetSocketAddress("127.0.0.1", 0))).build();
        try {
            return new EdgeGateway(l402, upstream, gateway, gateway.start().get(0).getPort());
        } catch (Exception | Error e) {
            gateway.close();
            upstream.close();
            l402.close();
            throw e;
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
        l402.close();
    }
}
