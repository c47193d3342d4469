package dev.turnpike.gateway.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.util.AsciiString;

/**
 * Puts {@code Strict-Transport-Security} on every answer of an HTTPS connection or stream (RFC 6797): whoever wrote
 * it, the gateway or an upstream (whose own value it replaces: the gateway terminates TLS, so its policy is the one
 * that holds), except interim 1xx answers. Added after the HTTP/1 codec, or per HTTP/2 stream after its frame
 * codec, where the answers are still {@link HttpResponse} objects.
 */
@ChannelHandler.Sharable
final class StrictTransportSecurity extends ChannelOutboundHandlerAdapter {

    private static final AsciiString HEADER = AsciiString.cached("strict-transport-security");

    private final String value;

    /** {@code value}: the header's value, e.g. {@code max-age=31536000}. */
    StrictTransportSecurity(String value) {
        this.value = value;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            response.headers().set(HEADER, value);
        }
        ctx.write(msg, promise);
    }
}
