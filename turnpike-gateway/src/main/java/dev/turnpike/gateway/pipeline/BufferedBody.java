package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.proxy.Downstream;
import dev.turnpike.gateway.proxy.DownstreamListener;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultLastHttpContent;

/**
 * The client side of an exchange whose body a stage has already read whole: the forwarder's first ask for the body
 * gets all of it at once, as the last content; everything else (the connection, its end) is the client's.
 */
final class BufferedBody implements Downstream {

    private final ExchangeHandler client;
    private byte[] body;
    private DownstreamListener listener;

    BufferedBody(ExchangeHandler client, byte[] body) {
        this.client = client;
        this.body = body;
    }

    @Override
    public ChannelHandlerContext context() {
        return client.context();
    }

    @Override
    public void listen(DownstreamListener listener) {
        this.listener = listener;
        // writability and the client going away still come from the connection
        client.listen(listener);
    }

    @Override
    public void readMore() {
        if (body != null) {
            byte[] whole = body;
            body = null;
            listener.onContent(new DefaultLastHttpContent(Unpooled.wrappedBuffer(whole)));
        }
    }

    @Override
    public void upstreamAnswered(long nanos) {
        client.upstreamAnswered(nanos);
    }

    @Override
    public boolean keepAlive() {
        return client.keepAlive();
    }

    @Override
    public void finished(boolean clean) {
        client.finished(clean);
    }
}
