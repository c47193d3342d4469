package dev.turnpike.gateway.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Gives the exchange handler one shape of request: a head, then contents, the last one last. A full
 * request (an HTTP/2 HEADERS frame with END_STREAM, an aggregated upgrade attempt) is split in two; an
 * HTTP/2 request whose body follows without a length is marked chunked for HTTP/1 upstreams.
 */
final class RequestFraming extends ChannelInboundHandlerAdapter {

    private final boolean http2;

    RequestFraming(boolean http2) {
        this.http2 = http2;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest full) {
            HttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
            head.setDecoderResult(full.decoderResult());
            if (full.content().isReadable() && !HttpUtil.isContentLengthSet(head)
                    && !HttpUtil.isTransferEncodingChunked(head)) {
                HttpUtil.setContentLength(head, full.content().readableBytes());
            }
            ctx.fireChannelRead(head);
            ctx.fireChannelRead(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
            return;
        }
        if (http2 && msg instanceof HttpRequest request && !HttpUtil.isContentLengthSet(request)) {
            HttpUtil.setTransferEncodingChunked(request, true);
        }
        ctx.fireChannelRead(msg);
    }
}
