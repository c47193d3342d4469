package dev.turnpike.gateway.server;

import dev.turnpike.gateway.accesslog.AccessLog;
import dev.turnpike.gateway.accesslog.LogStream;
import dev.turnpike.gateway.config.AccessLogConfig;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.gateway.metrics.GatewayMetrics;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.proxy.ProxySettings;
import dev.turnpike.gateway.proxy.Upstreams;
import dev.turnpike.gateway.route.RouteTable;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: an HTTP/1.1 + HTTP/2 server whose requests go through the {@link Pipeline} to upstream
 * services. Build it with {@link #builder(Pipeline.Builder)}, {@link #start()} it, {@link #close()} it: the pipeline's
 * settings (routes, tokens, rate limits, trusted proxies) go to the {@link Pipeline.Builder}, the server's
 * (listeners, transport, threads, timeouts, mounted APIs) to this builder.
 *
 * <pre>{@code
 * RevocationSet revoked = new RevocationSet();   // also the verifier's revocation check
 * try (Gateway gateway = Gateway.builder(Pipeline.builder()
 *                 .routes(routeTable).verifier(verifier).minter(minter).revocations(revoked))
 *         .listen(new InetSocketAddress("0.0.0.0", 8080))
 *         .build()) {
 *     List<InetSocketAddress> bound = gateway.start();
 *     ...
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {

    /** The default {@code Strict-Transport-Security} of HTTPS answers: a year, this host only. */
    public static final String DEFAULT_HSTS = "max-age=31536000";
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private final Builder config;
    private final GatewayMetrics metrics;
    private final ThreadPoolExecutor mintExecutor;
    /** Runs the JSON APIs (they may block on the store or the node); bounded, a full queue is a 503. */
    private final ThreadPoolExecutor apiExecutor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), daemonThreads("turnpike-api-"), new ThreadPoolExecutor.AbortPolicy());
    private InetSocketAddress adminBound;
    private EventLoopGroup group;
    private Upstreams upstreams;
    /** Null while not started or when the access log is off. */
    private AccessLog accessLog;
    private final List<Channel> listeners = new ArrayList<>();
    /**
     * Open client connections, closed explicitly by {@link #close()} (see there); once closed, the group closes
     * whatever is added later (a connection accepted while the listeners were closing).
     */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE, true);

    private Gateway(Builder b) {
        this.config = b;
        this.metrics = b.metrics != null ? b.metrics : GatewayMetrics.create();
        this.mintExecutor = new ThreadPoolExecutor(b.mintThreads, b.mintThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(b.mintQueue), daemonThreads("turnpike-mint-"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** A gateway whose main listeners run {@code pipeline} (its mint executor, upstreams and metrics are set here). */
    public static Builder builder(Pipeline.Builder pipeline) {
        return new Builder(pipeline);
    }

    /** Binds every listen address and starts serving; returns the bound addresses (ports resolved). */
    public synchronized List<InetSocketAddress> start() throws InterruptedException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = new MultiThreadIoEventLoopGroup(config.ioThreads, config.transport.ioHandler().get());
        upstreams = new Upstreams(new ProxySettings(config.connectTimeout, config.responseTimeout,
                config.transport.clientChannel()));
        Pipeline.Builder main = config.pipeline
                .mintExecutor(mintExecutor)
                .upstreams(upstreams)
                .metrics(metrics);
        config.mounts.forEach(api -> main.mount(api, apiExecutor));
        startAccessLog(main);
        Protocols protocols = new Protocols(main.build(), config.limits, config.http2, config.hsts);
        List<InetSocketAddress> bound = new ArrayList<>();
        try {
            for (Listener l : config.listeners) {
                ChannelHandler init = l.tls == null ? new PlainInitializer(protocols)
                        : new TlsInitializer(protocols, l.tls.context(config.http2));
                bound.add(bind("proxy listener", l.address, init));
            }
            if (config.adminApi != null) {
                adminBound = bind("admin listener", config.adminAddress, adminInitializer());
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        log.info("serving on {}: {} transport, {} event loops, HTTP/2 {}", bound, config.transport.name(),
                config.ioThreads, config.http2 ? "on" : "off");
        return bound;
    }

    private void startAccessLog(Pipeline.Builder main) {
        try {
            accessLog = AccessLog.start(config.accessLog, metrics.accessLogDropped(), config.logStream);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("access log: " + e.getMessage(), e);
        }
        if (accessLog != null) {
            main.accessLog(accessLog);
        }
    }

    /**
     * The admin listener: its API alone, over TLS when it has a certificate, else plain and only for loopback
     * {@code Host} names (see {@link LoopbackHostOnly}).
     */
    private ChannelHandler adminInitializer() {
        Pipeline.Builder admin = Pipeline.builder()
                .routes(new RouteTable(List.of()))
                .upstreams(upstreams)
                .metrics(metrics)
                .mount(config.adminTls != null ? config.adminApi : new LoopbackHostOnly(config.adminApi), apiExecutor);
        if (accessLog != null) {
            admin.accessLog(accessLog);
        }
        Protocols protocols = new Protocols(admin.build(), config.limits, true, config.hsts);
        return config.adminTls != null ? new TlsInitializer(protocols, config.adminTls.context(true))
                : new PlainInitializer(protocols);
    }

    /**
     * Binds one listener; a failure names it and its address ({@code proxy listener 127.0.0.1:8402: address in
     * use}), whichever transport reported it.
     */
    private InetSocketAddress bind(String name, InetSocketAddress address, ChannelHandler init)
            throws InterruptedException {
        try {
            return bind(address, init);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // the transport's IOException, thrown undeclared by sync()
            String reason = String.valueOf(e.getMessage());
            reason = reason.contains("Address already in use") ? "address in use"
                    : reason.contains("Permission denied") ? "permission denied (a port below 1024 needs privileges)"
                    : reason.contains("Cannot assign requested address") ? "no such address on this machine" : reason;
            throw new UncheckedIOException(name + " " + address.getHostString() + ":" + address.getPort() + ": "
                    + reason, e instanceof IOException io ? io : new IOException(e));
        }
    }

    private InetSocketAddress bind(InetSocketAddress address, ChannelHandler init) throws InterruptedException {
        Channel ch = new ServerBootstrap()
                .group(group)
                .channel(config.transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                // a restart binds the port again while its old connections linger in TIME_WAIT (the JDK's own
                // server sockets do this by default)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(init);
                    }
                })
                .bind(address).sync().channel();
        listeners.add(ch);
        return (InetSocketAddress) ch.localAddress();
    }

    /** The admin listener's bound address, once started; empty without one. */
    public synchronized Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(adminBound);
    }

    /** Meters for an admin listener's {@code /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Stops listening, closes connections and stops the minting threads. */
    @Override
    public synchronized void close() {
        // waited for: on io_uring the port is free only once the close has completed
        for (Channel listener : listeners) {
            if (!listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS)) {
                log.warn("the listener on {} did not close in time", listener.localAddress());
            }
        }
        listeners.clear();
        // closed before the event loops stop: on io_uring a connection left to the loops' shutdown could stay
        // open without being read, and a client's kept-alive connection would then hang instead of reconnecting
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
        if (upstreams != null) {
            upstreams.close();
            upstreams = null;
        }
        mintExecutor.shutdownNow();
        apiExecutor.shutdownNow();
        if (accessLog != null) {
            accessLog.close(); // after the event loops: the last lines are in its queue
            accessLog = null;
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private record Listener(InetSocketAddress address, GatewayTls tls) {}

    /** Builder of {@link Gateway}: at least one listen address is required (checked at build). */
    public static final class Builder {
        private final List<Listener> listeners = new ArrayList<>();
        /** The main listeners' pipeline, configured by the caller. */
        private final Pipeline.Builder pipeline;
        private final List<JsonApi> mounts = new ArrayList<>();
        private InetSocketAddress adminAddress;
        private JsonApi adminApi;
        private GatewayTls adminTls;
        private String hsts = DEFAULT_HSTS;
        private GatewayMetrics metrics;
        private ServerLimits limits = ServerLimits.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private Transport transport = Transport.best();
        private boolean http2 = true;
        private int mintThreads = 4;
        private int mintQueue = 256;
        private AccessLogConfig accessLog = AccessLogConfig.OFF;
        private Optional<LogStream> logStream = Optional.empty();

        private Builder(Pipeline.Builder pipeline) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        }

        /** A clear-text listener (HTTP/1.1, h2c by prior knowledge or Upgrade); port 0 picks a free port. */
        public Builder listen(InetSocketAddress address) {
            listeners.add(new Listener(Objects.requireNonNull(address, "address"), null));
            return this;
        }

        /** A TLS listener (h2 or http/1.1 by ALPN). */
        public Builder listenTls(InetSocketAddress address, GatewayTls tls) {
            listeners.add(new Listener(Objects.requireNonNull(address, "address"), Objects.requireNonNull(tls, "tls")));
            return this;
        }

        /** Serves a JSON API under its prefix on the listeners, ahead of the routes (e.g. the dev wallet API). */
        public Builder mount(JsonApi api) {
            this.mounts.add(Objects.requireNonNull(api, "api"));
            return this;
        }

        /**
         * A separate listener that serves only {@code api} (the admin API): plain HTTP answering only requests whose
         * {@code Host} is a loopback name or address (421 otherwise: DNS rebinding), unless {@link #adminTls} is
         * given. Keep a plain one on loopback.
         */
        public Builder admin(InetSocketAddress address, JsonApi api) {
            this.adminAddress = Objects.requireNonNull(address, "address");
            this.adminApi = Objects.requireNonNull(api, "api");
            return this;
        }

        /**
         * Serves the {@link #admin} listener over TLS with {@code tls} (any {@code Host} then: a name rebound to
         * this address fails the certificate check).
         */
        public Builder adminTls(GatewayTls tls) {
            this.adminTls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * The {@code Strict-Transport-Security} value put on every answer of the TLS listeners (default
         * {@value #DEFAULT_HSTS}, a year); null sends none.
         */
        public Builder strictTransportSecurity(String value) {
            this.hsts = value;
            return this;
        }

        /** Where meters go; default a new Prometheus registry. */
        public Builder metrics(GatewayMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** The access log of the listeners (the admin listener's too); default off. */
        /**
         * The process's log stream, for access lines without a file of their own: written directly, in batches, in
         * its format. Without it they go through SLF4J (logger {@code turnpike.access}).
         */
        public Builder logStream(LogStream stream) {
            this.logStream = Optional.of(stream);
            return this;
        }

        public Builder accessLog(AccessLogConfig accessLog) {
            this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
            return this;
        }

        public Builder limits(ServerLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The longest wait for an upstream's response head (then 504). Default 60 s. */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** HTTP/2 on the main listeners besides HTTP/1.1 (h2 by ALPN over TLS, h2c on plain); default on. */
        public Builder http2(boolean enabled) {
            this.http2 = enabled;
            return this;
        }

        /** The socket layer; default {@link Transport#best()}. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /** Minting threads and queue: when the queue is full, challenges are answered 503. */
        public Builder mintExecutor(int threads, int queue) {
            this.mintThreads = threads;
            this.mintQueue = queue;
            return this;
        }

        public Gateway build() {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("no listen address");
            }
            return new Gateway(this);
        }
    }
}
