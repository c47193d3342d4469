package dev.turnpike.gateway.server;

import dev.turnpike.gateway.pipeline.Pipeline;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * The handler stacks of each protocol. HTTP/2 streams are turned into HTTP/1-style objects, so one
 * exchange handler serves HTTP/1.1 connections and HTTP/2 streams alike.
 */
final class Protocols {

    static final int MAX_CONCURRENT_STREAMS = 128;
    static final int MAX_RESETS_PER_WINDOW = 200;
    static final int RESET_WINDOW_SECONDS = 30;

    private final Pipeline pipeline;
    private final ServerLimits limits;
    private final boolean http2;
    private final ClientErrors clientErrors;
    private final ConnectionsPerNetwork perNetwork;
    /** Added to HTTPS connections and streams; null for none. */
    private final StrictTransportSecurity hsts;

    /**
     * {@code http2} false: HTTP/1.1 only (no h2 by ALPN, no h2c); {@code hsts}: the {@code Strict-Transport-Security}
     * value of every HTTPS answer, null for none.
     */
    Protocols(Pipeline pipeline, ServerLimits limits, boolean http2, String hsts) {
        this.pipeline = pipeline;
        this.limits = limits;
        this.http2 = http2;
        this.clientErrors = new ClientErrors(pipeline.metrics().clientProtocolErrors());
        this.perNetwork = new ConnectionsPerNetwork(limits.maxConnectionsPerNetwork(), pipeline.clientPrefix(),
                pipeline::isTrustedProxy, pipeline.metrics().refusedConnections());
        this.hsts = hsts == null ? null : new StrictTransportSecurity(hsts);
    }

    /** Whether a connection just accepted may stay: its network is under its cap (see {@link ConnectionsPerNetwork}). */
    boolean admit(Channel channel) {
        return perNetwork.admit(channel);
    }

    /** The first handler of every client connection, added when it is set up. */
    ClientTimeouts clientTimeouts() {
        return new ClientTimeouts(limits);
    }

    /** The last handler of every client connection, added when it is set up. */
    ClientErrors clientErrors() {
        return clientErrors;
    }

    boolean http2() {
        return http2;
    }

    HttpServerCodec http1Codec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineLength())
                .setMaxHeaderSize(limits.maxHeaderSize())
                .setMaxChunkSize(limits.maxChunkSize()));
    }

    /**
     * After an HTTP/1 codec named {@code after}: the framing, then the exchange handler (which hands out
     * messages one at a time itself, see {@code ExchangeHandler}).
     */
    void addHttp1Exchange(ChannelPipeline p, String after, String scheme) {
        p.addAfter(after, null, new RequestFraming(false));
        if (sendsHsts(scheme)) {
            p.addAfter(after, null, hsts);
        }
        ClientTimeouts.observeMessages(p, after);
        ClientErrors.addBefore(p, pipeline.newHandlers(scheme));
    }

    private boolean sendsHsts(String scheme) {
        return hsts != null && scheme.equals("https");
    }

    /**
     * HTTP/2 with bounds a client cannot talk its way around: at most {@value #MAX_CONCURRENT_STREAMS} streams open
     * at once (the default is unlimited), and a rapid reset (streams opened and cancelled over and over, CVE-2023-44487)
     * ends the connection with a GOAWAY after {@value #MAX_RESETS_PER_WINDOW} resets in
     * {@value #RESET_WINDOW_SECONDS} s.
     */
    Http2FrameCodec http2FrameCodec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxHeaderListSize(limits.maxHeaderSize())
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS))
                .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS_PER_WINDOW, RESET_WINDOW_SECONDS)
                .build();
    }

    Http2MultiplexHandler http2Multiplex(String scheme) {
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                if (sendsHsts(scheme)) {
                    ch.pipeline().addLast(hsts);
                }
                ch.pipeline().addLast(new RequestFraming(true));
                ch.pipeline().addLast(pipeline.newHandlers(scheme));
            }
        });
    }

    /** The whole HTTP/2 stack, for a connection that starts with the HTTP/2 preface. */
    ChannelHandler http2(String scheme) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ClientErrors.addBefore(ch.pipeline(), http2FrameCodec(), http2Multiplex(scheme));
            }
        };
    }
}
