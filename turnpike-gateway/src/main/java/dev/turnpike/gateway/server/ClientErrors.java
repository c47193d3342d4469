package dev.turnpike.gateway.server;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2Exception;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every client connection: what a client does wrong (a malformed HTTP/2 frame, a failed TLS
 * handshake) closes its connection, is counted ({@code turnpike_client_protocol_errors_total}) and is logged at
 * most once a minute, one line, no stack trace. Before, each malformed HTTP/2 connection logged a 3 KB warning
 * with a stack trace: a client could flood the log. Handlers added to a connection later go before it
 * ({@link #addBefore}).
 */
@ChannelHandler.Sharable
final class ClientErrors extends ChannelInboundHandlerAdapter {

    static final String NAME = "client-errors";
    private static final Logger log = LoggerFactory.getLogger(ClientErrors.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Counter counter;
    private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());
    private final AtomicLong unlogged = new AtomicLong();

    ClientErrors(Counter counter) {
        this.counter = counter;
    }

    /** Adds {@code handlers}, in order, before this handler (or last, on a connection without it). */
    static void addBefore(ChannelPipeline pipeline, ChannelHandler... handlers) {
        for (ChannelHandler handler : handlers) {
            if (pipeline.get(NAME) == null) {
                pipeline.addLast(handler);
            } else {
                pipeline.addBefore(NAME, null, handler);
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(ctx.channel(), cause);
    }

    /** Counts and maybe logs the failure of a client connection, and closes it. */
    void failed(Channel channel, Throwable cause) {
        counter.increment();
        long now = System.nanoTime();
        long due = nextLogAt.get();
        if (now - due >= 0 && nextLogAt.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
            String what = String.valueOf(cause);
            log.warn("a client connection failed ({} more since the last such line): {}", unlogged.getAndSet(0),
                    what.length() > 200 ? what.substring(0, 200) + "…" : what);
        } else {
            unlogged.incrementAndGet();
        }
        if (!(cause instanceof Http2Exception)) { // HTTP/2's own handler sends its GOAWAY, then closes
            channel.close();
        }
    }
}
