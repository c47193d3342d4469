package dev.turnpike.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;

/**
 * HTTP/1.1 (or HTTP/1.1 over TLS) upstream connections, kept alive in a stack per event loop: the most
 * recently used connection is reused first, so idle ones age out at the upstream.
 */
final class Http1Connector implements UpstreamConnector {

    private static final int MAX_IDLE_PER_LOOP = 256;

    private final Bootstrap bootstrap;
    private final String authority;
    private final FastThreadLocal<ArrayDeque<Channel>> idle = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Channel> initialValue() {
            return new ArrayDeque<>();
        }
    };

    /** {@code tls} is null for plain HTTP. */
    Http1Connector(Bootstrap template, String host, int port, SslContext tls) {
        this.authority = Authority.of(host, port, tls == null ? 80 : 443);
        this.bootstrap = template.clone().remoteAddress(host, port).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port));
                }
                ch.pipeline().addLast(new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(64 * 1024),
                        false, false), new UpstreamHandler());
            }
        });
    }

    @Override
    public String authority() {
        return authority;
    }

    @Override
    public void acquire(EventLoop loop, Acquired callback) {
        ArrayDeque<Channel> pool = idle.get();
        for (Channel ch = pool.pollLast(); ch != null; ch = pool.pollLast()) {
            if (ch.isActive()) {
                callback.acquired(ch);
                return;
            }
        }
        ChannelFuture connect = bootstrap.clone(loop).connect();
        Channel ch = connect.channel();
        ch.closeFuture().addListener(f -> idle.get().remove(ch));
        connect.addListener(f -> {
            if (f.isSuccess()) {
                callback.acquired(ch);
            } else {
                callback.failed(f.cause());
            }
        });
    }

    @Override
    public void release(Channel upstream, boolean reusable) {
        ArrayDeque<Channel> pool = idle.get();
        if (reusable && upstream.isActive() && pool.size() < MAX_IDLE_PER_LOOP) {
            upstream.config().setAutoRead(true);
            pool.addLast(upstream);
        } else {
            upstream.close();
        }
    }
}
