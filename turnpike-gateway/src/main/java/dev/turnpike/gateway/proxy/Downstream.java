package dev.turnpike.gateway.proxy;

import io.netty.channel.ChannelHandlerContext;

/** The client side of a forwarded exchange, as the proxy sees it. */
public interface Downstream {

    /** The client connection's (or HTTP/2 stream's) handler context: responses are written through it. */
    ChannelHandlerContext context();

    /** From now on, what happens on the client side goes to {@code listener}. */
    void listen(DownstreamListener listener);

    /**
     * Asks for the next message from the client: the backpressure valve. At most one message is
     * outstanding (asking twice before it comes still gives one); it may be delivered before this returns,
     * or, when called while a message is being handled, right after that handler returns.
     */
    void readMore();

    /** The upstream's response head came {@code nanos} after the request was sent (for the access log). */
    void upstreamAnswered(long nanos);

    /** Whether the client connection stays open after this exchange. */
    boolean keepAlive();

    /**
     * The exchange is over: the response is written (not necessarily flushed). {@code clean} is false when
     * the request body was not read to its end or the response was cut short: the connection must close.
     */
    void finished(boolean clean);
}
