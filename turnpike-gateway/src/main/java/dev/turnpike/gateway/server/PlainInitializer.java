package dev.turnpike.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.util.AsciiString;

/**
 * A clear-text connection: HTTP/2 with prior knowledge (the preface), HTTP/2 by {@code Upgrade: h2c}, or
 * HTTP/1.1; only HTTP/1.1 when HTTP/2 is off. The HTTP/1.1 exchange handler is installed at the first request
 * that stays HTTP/1.1, and the upgrade handler leaves then: clients ask for h2c on their first request (RFC 9113
 * dropped the upgrade altogether), and it would otherwise inspect every later message of the connection.
 */
final class PlainInitializer extends ChannelInitializer<Channel> {

    private static final int MAX_UPGRADE_BODY = 64 * 1024;
    private static final String HTTP1_CODEC = "http1";

    private final Protocols protocols;

    PlainInitializer(Protocols protocols) {
        this.protocols = protocols;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (!protocols.admit(ch)) {
            ch.close();
            return;
        }
        ch.pipeline().addLast(ClientTimeouts.NAME, protocols.clientTimeouts());
        if (!protocols.http2()) {
            ch.pipeline().addLast(HTTP1_CODEC, protocols.http1Codec());
            ch.pipeline().addLast(ClientErrors.NAME, protocols.clientErrors());
            protocols.addHttp1Exchange(ch.pipeline(), HTTP1_CODEC, "http");
            return;
        }
        HttpServerCodec codec = protocols.http1Codec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(protocols.http2FrameCodec(), protocols.http2Multiplex("http"))
                        : null,
                MAX_UPGRADE_BODY);
        ch.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(codec, upgrade, protocols.http2("http")),
                new Http1Starter(upgrade));
        ch.pipeline().addLast(ClientErrors.NAME, protocols.clientErrors());
    }

    /**
     * At the first HTTP/1.1 message: replaces itself and the upgrade handler by the HTTP/1.1 exchange stack. A
     * connection that turns to HTTP/2 (by the preface or an upgrade) sheds it instead: the HTTP/2 handlers land
     * next to it and pass it connection frames (SETTINGS, PING) that must not start an HTTP/1.1 exchange.
     */
    private final class Http1Starter extends ChannelInboundHandlerAdapter {
        private final HttpServerUpgradeHandler upgrade;

        Http1Starter(HttpServerUpgradeHandler upgrade) {
            this.upgrade = upgrade;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            String name = ctx.name();
            protocols.addHttp1Exchange(ctx.pipeline(), name, "http");
            ctx.pipeline().remove(this).remove(upgrade);
            ctx.fireChannelRead(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof HttpServerUpgradeHandler.UpgradeEvent
                    || event instanceof CleartextHttp2ServerUpgradeHandler.PriorKnowledgeUpgradeEvent) {
                ctx.pipeline().remove(this);
            }
            ctx.fireUserEventTriggered(event);
        }
    }
}
