package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.proxy.Downstream;
import dev.turnpike.gateway.proxy.DownstreamListener;
import dev.turnpike.gateway.proxy.HopByHop;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a connection (HTTP/1.1) or stream (HTTP/2), one exchange at a time.
 *
 * <p>Reading: the channel reads on its own (auto-read on), so a keep-alive connection stays registered
 * for reads and a typical request costs no change of interest (no {@code epoll_ctl}). Messages are handed
 * to the exchange one at a time, on demand: a message is delivered only while the exchange (or, between
 * exchanges, the handler itself) has asked for one with {@link #readMore()}; one that arrives without
 * demand waits in a small queue. That queue is the backpressure: once it holds body bytes or more than
 * {@value #MAX_QUEUED_WITHOUT_PAUSE} messages, auto-read is turned off, and turned on again when it has
 * drained. So a request body that the upstream cannot take yet stops the client socket (or the HTTP/2
 * stream's window), as before, while a GET never pauses.
 *
 * <p>Delivery is synchronous but never re-entrant: {@link #readMore()} called while a message is being
 * handled only records the demand, and the loop in {@link #drain()} delivers the next message once the
 * handler returns. A read can therefore not be lost (the demand is state, not an event), and no task is
 * needed to defer it.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter implements Downstream {

    private static final Logger log = LoggerFactory.getLogger(ExchangeHandler.class);

    private final Pipeline pipeline;
    private final String scheme;
    /** Null when the access log is off. */
    private final AccessRecorder recorder;
    private ChannelHandlerContext ctx;
    private boolean started;
    private InetAddress peer;
    private boolean peerTrusted;
    private ForwardedHeaders forwarded;
    private DownstreamListener listener;
    private boolean keepAlive;

    /** Messages that arrived without demand, oldest first; messages in it are owned by this handler. */
    private static final int MAX_QUEUED_WITHOUT_PAUSE = 2;
    private final ArrayDeque<Object> queue = new ArrayDeque<>(4);
    /** Whether the next message may be delivered (one message consumes it). */
    private boolean demand = true;
    /** A message is being delivered: {@link #readMore()} only records demand. */
    private boolean delivering;
    /** Auto-read was turned off because the queue is full or holds body bytes. */
    private boolean paused;
    /** The connection is being closed: whatever else arrives is dropped. */
    private boolean closing;

    ExchangeHandler(Pipeline pipeline, String scheme, AccessRecorder recorder) {
        this.pipeline = pipeline;
        this.scheme = scheme;
        this.recorder = recorder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    private void start() {
        if (!started) {
            started = true;
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            peer = remote.getAddress();
            peerTrusted = pipeline.trustedProxies.isTrusted(peer);
            forwarded = new ForwardedHeaders(peer.getHostAddress(), peer.getAddress().length == 16, peerTrusted, scheme);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (demand && !delivering && queue.isEmpty()) {
            // the common case: someone is waiting for exactly this message
            deliverAll(msg);
            return;
        }
        queue.add(msg);
        if (!delivering) {
            drain();
        }
        if (!paused && mustPause()) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    private boolean mustPause() {
        if (queue.size() > MAX_QUEUED_WITHOUT_PAUSE) {
            return true;
        }
        for (Object m : queue) {
            if (m instanceof HttpContent c && c.content().isReadable()) {
                return true;
            }
        }
        return false;
    }

    /** Delivers {@code first}, then queued messages while there is demand for them. */
    private void deliverAll(Object first) {
        delivering = true;
        try {
            demand = false;
            deliver(first);
            while (demand && !closing) {
                Object next = queue.poll();
                if (next == null) {
                    break;
                }
                demand = false;
                deliver(next);
            }
        } finally {
            delivering = false;
        }
        if (closing) {
            releaseQueue();
        } else if (paused && queue.isEmpty()) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Delivers queued messages while there is demand (not from inside a delivery). */
    private void drain() {
        if (demand && !closing) {
            Object next = queue.poll();
            if (next != null) {
                deliverAll(next);
            }
        } else if (closing) {
            releaseQueue();
        }
    }

    private void releaseQueue() {
        for (Object m = queue.poll(); m != null; m = queue.poll()) {
            ReferenceCountUtil.release(m);
        }
    }

    private void deliver(Object msg) {
        if (msg instanceof HttpRequest request) {
            onRequest(request);
        } else if (listener != null && msg instanceof HttpContent content) {
            if (recorder != null) {
                recorder.bodyRead(content);
            }
            listener.onContent(content);
        } else {
            ReferenceCountUtil.release(msg);
            readMore();
        }
    }

    private void onRequest(HttpRequest request) {
        if (recorder != null) {
            recorder.begin(request, peer);
        }
        if (request.decoderResult().isFailure()) {
            // the decoder has given up on this connection: nothing more will come that could be read
            keepAlive = false;
            pipeline.metrics.unrouted().outcome(Outcome.BAD_REQUEST);
            HttpResponse response = BadRequests.responseFor(request.decoderResult().cause());
            HttpUtil.setKeepAlive(response, false);
            close(response);
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(request);
        FullHttpResponse refusal = RequestLine.refusal(request);
        if (refusal != null) {
            pipeline.metrics.unrouted().outcome(Outcome.BAD_REQUEST);
            respond(refusal);
            return;
        }
        // before the gateway adds headers of its own, so a client's Connection header cannot name them
        HopByHop.stripFromRequest(request);
        String path;
        String host;
        try {
            path = RequestTarget.path(request);
            host = RequestTarget.host(request);
        } catch (RequestTarget.InvalidTargetException e) {
            pipeline.metrics.unrouted().outcome(Outcome.BAD_REQUEST);
            respond(Responses.badRequest(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
            return;
        }
        request.headers().remove(Credentials.TOKEN_ID);
        DelegatedIdentity.strip(request.headers());
        InetAddress client = pipeline.trustedProxies.clientOf(peer, peerTrusted, request.headers());
        Exchange exchange = new Exchange(this, request, path, host, client,
                pipeline.metrics.unrouted());
        if (recorder != null) {
            recorder.attach(exchange);
        }
        try {
            pipeline.chain.proceed(exchange);
        } catch (RuntimeException e) {
            log.error("the pipeline failed on a request", e);
            if (listener == null) {
                respond(Responses.internalError());
            } else {
                ctx.close();
            }
        }
    }

    void addForwardedHeaders(Exchange exchange) {
        forwarded.apply(exchange.request.headers(), exchange.host);
    }

    /** Answers the current request from the gateway, then reads (and drops) what is left of its body. */
    void respond(FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response);
        listener = new DiscardedBody(this);
        readMore();
    }

    /** Answers a request whose body the gateway has read whole (a JSON API call), then reads on or closes. */
    void respondAfterBody(FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, keepAlive);
        listener = null;
        if (keepAlive) {
            ctx.writeAndFlush(response);
            readMore();
        } else {
            close(response);
        }
    }

    /** Answers a request whose body cannot be read (its framing is broken), then closes: nothing more can be read. */
    void respondAndClose(FullHttpResponse response) {
        keepAlive = false;
        HttpUtil.setKeepAlive(response, false);
        listener = null;
        close(response);
    }

    /** Writes {@code last} (a response, or nothing more) and closes; nothing more is read. */
    private void close(Object last) {
        closing = true;
        releaseQueue();
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }

    /** {@code http} or {@code https}: how the client reached this listener. */
    String scheme() {
        return scheme;
    }

    /** Whether the peer is a trusted proxy, whose forwarded values are believed. */
    boolean peerTrusted() {
        return peerTrusted;
    }

    @Override
    public ChannelHandlerContext context() {
        return ctx;
    }

    @Override
    public void listen(DownstreamListener listener) {
        this.listener = listener;
    }

    @Override
    public boolean keepAlive() {
        return keepAlive;
    }

    @Override
    public void upstreamAnswered(long nanos) {
        if (recorder != null) {
            recorder.upstreamAnswered(nanos);
        }
    }

    @Override
    public void finished(boolean clean) {
        listener = null;
        if (clean && keepAlive) {
            readMore();
        } else {
            close(Unpooled.EMPTY_BUFFER);
        }
    }

    /**
     * Asks for the next message (at most one is outstanding). Delivered at once if one is queued, unless a
     * message is being delivered right now: then the loop delivering it hands out the next one afterwards.
     */
    @Override
    public void readMore() {
        demand = true;
        if (!delivering) {
            drain();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.onWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        releaseQueue();
        if (listener != null) {
            listener.onClosed();
            listener = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseQueue();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection failed: {}", cause.toString());
        ctx.close();
    }
}
