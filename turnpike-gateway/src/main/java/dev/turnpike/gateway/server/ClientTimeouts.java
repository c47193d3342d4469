package dev.turnpike.gateway.server;

import dev.turnpike.gateway.problem.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2FrameCodec;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines on a client connection, so a client that stops sending cannot hold a connection (and a file
 * descriptor) for ever:
 * <ul>
 *   <li>waiting for a request (after accept, or between keep-alive requests): {@code keepAliveTimeout} of
 *       silence;</li>
 *   <li>reading a request head: {@code headerTimeout} from its first byte, however slowly bytes come (a
 *       slowloris client that sends a byte a second is cut all the same);</li>
 *   <li>reading a request body: {@code bodyIdleTimeout} of silence;</li>
 *   <li>while the answer is produced and sent (an upstream, a long-poll, an event stream): none from here;</li>
 *   <li>HTTP/2: {@code keepAliveTimeout} of silence while no stream is open.</li>
 * </ul>
 * A request cut while the client is still sending gets 408 problem+json; then the connection closes. One timer
 * per connection, re-armed lazily: reads only record a time.
 */
final class ClientTimeouts extends ChannelInboundHandlerAdapter {

    static final String NAME = "client-timeouts";

    private final ServerLimits limits;
    private ChannelHandlerContext ctx;
    private long lastReadNanos;
    /** Since when the bytes of a request head have been arriving; 0 while none is. */
    private long headStartNanos;
    /** Requests whose response has not been written whole yet. */
    private int unanswered;
    /** Whether the latest request's body has been read whole, and whether its response has begun. */
    private boolean bodyDone = true;
    private boolean responseStarted;
    private ScheduledFuture<?> timer;

    ClientTimeouts(ServerLimits limits) {
        this.limits = limits;
    }

    /** The observer of an HTTP/1 connection's messages: to be added right after its codec, named {@code after}. */
    static void observeMessages(ChannelPipeline pipeline, String after) {
        ClientTimeouts timeouts = (ClientTimeouts) pipeline.get(NAME);
        if (timeouts != null) {
            pipeline.addAfter(after, null, timeouts.new Messages());
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastReadNanos = System.nanoTime();
        arm(limits.keepAliveTimeout().toNanos());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            lastReadNanos = System.nanoTime();
            if (headStartNanos == 0 && unanswered == 0 && bodyDone) {
                headStartNanos = lastReadNanos;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void arm(long delayNanos) {
        timer = ctx.executor().schedule(this::check, Math.max(delayNanos, 0), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** When the timer fires: cut the connection if its deadline has passed, else wait until it does. */
    private void check() {
        if (!ctx.channel().isActive()) {
            return;
        }
        long deadline = deadline();
        long left = deadline - System.nanoTime();
        if (deadline == Long.MAX_VALUE) {
            arm(limits.keepAliveTimeout().toNanos());
        } else if (left > 0) {
            arm(left);
        } else {
            timeOut();
        }
    }

    /** The moment the connection is cut, {@link Long#MAX_VALUE} for none right now. */
    private long deadline() {
        Http2FrameCodec http2 = ctx.pipeline().get(Http2FrameCodec.class);
        if (http2 != null) {
            return http2.connection().numActiveStreams() > 0 ? Long.MAX_VALUE
                    : lastReadNanos + limits.keepAliveTimeout().toNanos();
        }
        if (!bodyDone) {
            return lastReadNanos + limits.bodyIdleTimeout().toNanos();
        }
        if (unanswered > 0) {
            return Long.MAX_VALUE;
        }
        return headStartNanos != 0 ? headStartNanos + limits.headerTimeout().toNanos()
                : lastReadNanos + limits.keepAliveTimeout().toNanos();
    }

    /** A request cut while it arrives is told so (unless its answer has begun); then the connection closes. */
    private void timeOut() {
        timer = null;
        boolean receiving = headStartNanos != 0 || !bodyDone;
        if (receiving && !responseStarted && ctx.pipeline().get(Http2FrameCodec.class) == null) {
            HttpResponse response = Problem.of(HttpResponseStatus.REQUEST_TIMEOUT, "request-timeout",
                    "the request was not received in time").toResponse();
            HttpUtil.setKeepAlive(response, false);
            ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** Sees the decoded messages of an HTTP/1 connection, to know what it is doing. */
    private final class Messages extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                headStartNanos = 0;
                unanswered++;
                bodyDone = false;
                responseStarted = false;
            }
            if (msg instanceof LastHttpContent) {
                bodyDone = true;
                lastReadNanos = System.nanoTime();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
                responseStarted = true;
            }
            if (msg instanceof LastHttpContent && unanswered > 0) {
                unanswered--;
                lastReadNanos = System.nanoTime();
            }
            ctx.write(msg, promise);
        }
    }
}
