package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.hosting.ApiAnswer;
import dev.turnpike.gateway.hosting.EventSink;
import dev.turnpike.gateway.hosting.ServerSentEvent;
import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.proxy.DownstreamListener;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link ApiAnswer.EventStream}: the response head, then events as the API sends them, a comment line
 * every heartbeat, and the end of the body when the API closes the stream. A client that stops reading (its
 * connection no longer writable) is cut off rather than buffered for. All state is touched on the event loop.
 */
final class EventStreamWriter implements EventSink, DownstreamListener {

    private static final Logger log = LoggerFactory.getLogger(EventStreamWriter.class);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Exchange exchange;
    private final ApiAnswer.EventStream stream;
    private final Executor executor;
    private final Runnable release;
    private final Channel channel;
    private final List<Runnable> onClose = new ArrayList<>(2);
    /** Read from any thread to refuse events early; written on the event loop. */
    private volatile boolean ended;
    private ScheduledFuture<?> heartbeat;

    EventStreamWriter(Exchange exchange, ApiAnswer.EventStream stream, Executor executor, Runnable release) {
        this.exchange = exchange;
        this.stream = stream;
        this.executor = executor;
        this.release = release;
        this.channel = exchange.downstream.context().channel();
    }

    /** On the event loop, once the request body has been read: writes the head and lets the API open. */
    void start() {
        if (!channel.isActive()) {
            end(false);
            return;
        }
        exchange.downstream.listen(this);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Accel-Buffering", "no"); // nginx in front: do not buffer the stream
        stream.headers().forEach(head.headers()::set);
        HttpUtil.setTransferEncodingChunked(head, true);
        HttpUtil.setKeepAlive(head, exchange.downstream.keepAlive());
        exchange.metrics.outcome(Outcome.API);
        exchange.downstream.context().writeAndFlush(head);
        long every = stream.heartbeat().toMillis();
        heartbeat = exchange.eventLoop().scheduleAtFixedRate(() -> write(HEARTBEAT), every, every,
                TimeUnit.MILLISECONDS);
        try {
            executor.execute(this::open);
        } catch (RejectedExecutionException e) {
            end(false);
        }
    }

    private void open() {
        try {
            stream.open().accept(this);
        } catch (RuntimeException e) {
            log.error("an event stream failed to open", e);
            close();
        }
    }

    @Override
    public boolean send(ServerSentEvent event) {
        if (ended) {
            return false;
        }
        byte[] bytes = event.encode();
        exchange.eventLoop().execute(() -> write(bytes));
        return true;
    }

    private void write(byte[] bytes) {
        if (ended) {
            return;
        }
        if (!channel.isWritable()) {
            end(false); // the client does not read: drop it rather than queue without bound
            return;
        }
        exchange.downstream.context().writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
    }

    @Override
    public void close() {
        exchange.eventLoop().execute(() -> end(true));
    }

    @Override
    public void onClose(Runnable action) {
        exchange.eventLoop().execute(() -> {
            if (ended) {
                action.run();
            } else {
                onClose.add(action);
            }
        });
    }

    /** Ends the stream once: a clean end finishes the body (the connection reads on), else the connection closes. */
    private void end(boolean clean) {
        if (ended) {
            return;
        }
        ended = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        release.run();
        for (Runnable action : onClose) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.error("an event stream's close action failed", e);
            }
        }
        onClose.clear();
        if (channel.isActive()) {
            if (clean) {
                exchange.downstream.context().writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            exchange.downstream.finished(clean);
        }
    }

    @Override
    public void onContent(HttpContent content) {
        content.release();
    }

    @Override
    public void onWritabilityChanged() {}

    @Override
    public void onClosed() {
        end(false);
    }
}
