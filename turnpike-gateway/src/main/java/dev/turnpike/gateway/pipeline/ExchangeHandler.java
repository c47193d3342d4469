package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.proxy.Downstream;
import dev.turnpike.gateway.proxy.DownstreamListener;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a connection (HTTP/1.1) or stream (HTTP/2), one exchange at a time. Reading is
 * manual (auto-read off, one message per read behind a {@code FlowControlHandler}): the next message is
 * read only when whoever handles the current exchange asks for it, which is the backpressure.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter implements Downstream {

    private static final Logger log = LoggerFactory.getLogger(ExchangeHandler.class);

    private final Pipeline pipeline;
    private final String scheme;
    private ChannelHandlerContext ctx;
    private boolean started;
    private InetAddress peer;
    private boolean peerTrusted;
    private ForwardedHeaders forwarded;
    private DownstreamListener listener;
    private boolean keepAlive;
    private final Runnable readTask = () -> ctx.read();

    ExchangeHandler(Pipeline pipeline, String scheme) {
        this.pipeline = pipeline;
        this.scheme = scheme;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().config().setAutoRead(false);
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
            ctx.read();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            onRequest(request);
        } else if (listener != null && msg instanceof HttpContent content) {
            listener.onContent(content);
        } else {
            ReferenceCountUtil.release(msg);
            readMore();
        }
    }

    private void onRequest(HttpRequest request) {
        keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            keepAlive = false;
            pipeline.metrics.unrouted().outcome(Outcome.BAD_REQUEST);
            respond(BadRequests.responseFor(request.decoderResult().cause()));
            return;
        }
        String path = RequestTarget.path(request);
        if (path == null) {
            pipeline.metrics.unrouted().outcome(Outcome.BAD_REQUEST);
            respond(Responses.badRequest(HttpResponseStatus.BAD_REQUEST,
                    "the request target is not a path or an absolute URL"));
            return;
        }
        request.headers().remove(Credentials.TOKEN_ID);
        InetAddress client = pipeline.trustedProxies.clientOf(peer, peerTrusted, request.headers());
        Exchange exchange = new Exchange(this, request, path, request.headers().get(HttpHeaderNames.HOST), client,
                pipeline.metrics.unrouted());
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
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
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
    public void finished(boolean clean) {
        listener = null;
        if (clean && keepAlive) {
            readMore();
        } else {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * The read is deferred to a task: a read issued while the FlowControlHandler (or TLS) is still handing
     * out messages of this channel can be lost, and the exchange would hang.
     */
    @Override
    public void readMore() {
        ctx.executor().execute(readTask);
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
        if (listener != null) {
            listener.onClosed();
            listener = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection failed: {}", cause.toString());
        ctx.close();
    }
}
