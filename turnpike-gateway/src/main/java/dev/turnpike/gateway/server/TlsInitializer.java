package dev.turnpike.gateway.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;

/** A TLS connection: h2 or http/1.1, as ALPN decided (http/1.1 without ALPN); no client renegotiation. */
final class TlsInitializer extends ChannelInitializer<SocketChannel> {

    private final Protocols protocols;
    private final SslContext tls;

    TlsInitializer(Protocols protocols, SslContext tls) {
        this.protocols = protocols;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (!protocols.admit(ch)) {
            ch.close();
            return;
        }
        ch.pipeline().addLast(ClientTimeouts.NAME, protocols.clientTimeouts());
        ch.pipeline().addLast(new RenegotiationGuard(protocols.clientErrors()));
        ch.pipeline().addLast(tls.newHandler(ch.alloc()),
                new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                    @Override
                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                            ClientErrors.addBefore(ctx.pipeline(), protocols.http2FrameCodec(),
                                    protocols.http2Multiplex("https"));
                        } else {
                            ctx.pipeline().addBefore(ClientErrors.NAME, "http1", protocols.http1Codec());
                            protocols.addHttp1Exchange(ctx.pipeline(), "http1", "https");
                        }
                    }

                    @Override
                    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                        protocols.clientErrors().failed(ctx.channel(), cause);
                    }
                });
        ch.pipeline().addLast(ClientErrors.NAME, protocols.clientErrors());
    }
}
