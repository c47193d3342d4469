package dev.turnpike.gateway.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an upstream channel: hands what the upstream says to the call it currently serves, and
 * times the wait for the call's response head.
 *
 * <p>The timer is lazy, like Netty's {@code IdleStateHandler}: rather than scheduling (and cancelling) a task per
 * request, a call only records its deadline; one check per connection is scheduled when none is pending, and when
 * it fires it either times the call out or re-arms itself for the deadline now due. On a keep-alive connection
 * that serves requests back to back, that is one scheduled task per timeout period instead of one per request.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(UpstreamHandler.class);

    private final Runnable checkDeadline = this::checkDeadline;
    private ChannelHandlerContext ctx;
    private ProxyCall call;
    /** System.nanoTime() by which the attached call's response head is due; meaningful while awaitingHead. */
    private long headDeadline;
    private boolean awaitingHead;
    private ScheduledFuture<?> check;

    void attach(ProxyCall call) {
        this.call = call;
    }

    void detach() {
        this.call = null;
        this.awaitingHead = false;
    }

    /** The attached call has sent its request head: its response head must arrive within {@code timeoutNanos}. */
    void awaitHead(long timeoutNanos) {
        headDeadline = System.nanoTime() + timeoutNanos;
        awaitingHead = true;
        if (check == null) {
            check = ctx.executor().schedule(checkDeadline, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The attached call's response head arrived. */
    void headArrived() {
        awaitingHead = false;
    }

    private void checkDeadline() {
        check = null;
        if (call == null || !awaitingHead) {
            return;
        }
        long left = headDeadline - System.nanoTime();
        if (left > 0) {
            check = ctx.executor().schedule(checkDeadline, left, TimeUnit.NANOSECONDS);
        } else {
            awaitingHead = false;
            call.timedOut();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (call != null && msg instanceof HttpObject http) {
            call.onUpstream(http);
        } else {
            // an idle pooled connection must not talk: it is out of step, so drop it
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (call != null) {
            call.onUpstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (call != null) {
            call.onUpstreamWritable();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        if (call != null) {
            call.onUpstreamClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("upstream connection failed: {}", cause.toString());
        ctx.close();
    }
}
