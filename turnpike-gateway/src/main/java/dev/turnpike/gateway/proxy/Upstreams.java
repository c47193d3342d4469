package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.metrics.ServiceMetrics;
import dev.turnpike.gateway.route.Upstream;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Builds a {@link Forwarder} per upstream at start: its scheme decides the connector, once. Owns the threads that
 * look up upstream host names (see {@link OffLoopResolver}); {@link #close()} stops them.
 */
public final class Upstreams implements AutoCloseable {

    private static final int LOOKUP_THREADS = 4;
    private static final int LOOKUP_QUEUE = 256;

    private final Bootstrap template;
    private final long responseTimeoutMillis;
    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30,
            TimeUnit.SECONDS, new ArrayBlockingQueue<>(LOOKUP_QUEUE), new DefaultThreadFactory("turnpike-dns", true));

    public Upstreams(ProxySettings settings) {
        lookups.allowCoreThreadTimeOut(true);
        this.template = new Bootstrap()
                .resolver(new OffLoopResolver(lookups, settings.connectTimeout()))
                .channel(settings.channelClass())
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
        this.responseTimeoutMillis = settings.responseTimeout().toMillis();
    }

    /**
     * The forwarder of {@code service} to {@code upstream}; latency and outcomes are recorded on {@code metrics},
     * failures logged as events.
     */
    public Forwarder forwarder(String service, Upstream upstream, ServiceMetrics metrics) {
        UpstreamConnector connector = switch (upstream.scheme()) {
            case HTTP -> new Http1Connector(template, upstream.host(), upstream.port(), null);
            case HTTPS -> new Http1Connector(template, upstream.host(), upstream.port(), clientTls(upstream));
            case H2C -> new H2cConnector(template, upstream.host(), upstream.port());
        };
        return new Forwarder(connector, upstream.basePath(), metrics, responseTimeoutMillis,
                new UpstreamEvents(service, connector.authority()));
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }

    /** Verified TLS: the JDK trust store, or only the upstream's own certificate when configured. */
    private static SslContext clientTls(Upstream upstream) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (upstream.trustedCertificate() != null) {
                try (var in = Files.newInputStream(upstream.trustedCertificate())) {
                    b.trustManager(in);
                }
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted certificate of upstream " + upstream.host(), e);
        }
    }
}
