package dev.turnpike.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;

/**
 * HTTP/2 over clear text with prior knowledge (gRPC upstreams): one multiplexed connection per event loop,
 * a stream per request. Streams speak HTTP/1-style objects through {@link Http2StreamFrameToHttpObjectCodec},
 * trailers included.
 */
final class H2cConnector implements UpstreamConnector {

    private final Bootstrap bootstrap;
    private final String authority;
    private final FastThreadLocal<ChannelFuture> connections = new FastThreadLocal<>();
    private final ChannelInitializer<Http2StreamChannel> streamInit = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Http2StreamChannel ch) {
            ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new UpstreamHandler());
        }
    };

    H2cConnector(Bootstrap template, String host, int port) {
        this.authority = Authority.of(host, port, 80);
        this.bootstrap = template.clone().remoteAddress(host, port).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                        new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
            }
        });
    }

    @Override
    public String authority() {
        return authority;
    }

    @Override
    public void acquire(EventLoop loop, Acquired callback) {
        ChannelFuture connection = connections.get();
        if (connection == null || (connection.isDone() && !connection.channel().isActive())) {
            connection = bootstrap.clone(loop).connect();
            connections.set(connection);
        }
        connection.addListener(f -> {
            if (f.isSuccess()) {
                openStream(((ChannelFuture) f).channel(), callback);
            } else {
                callback.failed(f.cause());
            }
        });
    }

    private void openStream(Channel connection, Acquired callback) {
        new Http2StreamChannelBootstrap(connection).handler(streamInit).open()
                .addListener((Future<Http2StreamChannel> f) -> {
                    if (f.isSuccess()) {
                        callback.acquired(f.getNow());
                    } else {
                        callback.failed(f.cause());
                    }
                });
    }

    @Override
    public void release(Channel stream, boolean reusable) {
        stream.close();
    }
}
