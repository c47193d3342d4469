package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.metrics.ServiceMetrics;
import dev.turnpike.gateway.problem.Problem;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;

/**
 * One request forwarded upstream, streamed both ways. Request body: the client's messages are asked for one
 * at a time, and only while the upstream is writable (the client side pauses its socket when they pile up). Response: written to the client as it arrives, flushed
 * at the end of each upstream read (so SSE events go out at once), and the upstream stops being read
 * while the client is not writable. Everything runs on the client channel's event loop.
 */
final class ProxyCall implements DownstreamListener, Acquired, ChannelFutureListener {

    private final Downstream down;
    private final ChannelHandlerContext ctx;
    private final UpstreamConnector connector;
    private final HttpRequest request;
    private final boolean expectsContinue;
    private final ServiceMetrics metrics;
    private final UpstreamEvents events;
    private final long responseTimeoutNanos;

    private Channel upstream;
    private UpstreamHandler upstreamHandler;
    private final long startNanos;
    private long sentAt;
    private boolean requestDone;
    private boolean responseStarted;
    private boolean upstreamKeepAlive;
    private boolean over;

    ProxyCall(Downstream down, UpstreamConnector connector, HttpRequest request, ServiceMetrics metrics,
            UpstreamEvents events, long responseTimeoutMillis, long startNanos) {
        this.events = events;
        this.down = down;
        this.startNanos = startNanos;
        this.ctx = down.context();
        this.connector = connector;
        this.request = request;
        this.metrics = metrics;
        this.responseTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(responseTimeoutMillis);
        this.expectsContinue = HttpUtil.is100ContinueExpected(request);
        HttpUtil.set100ContinueExpected(request, false);
        request.headers().set(HttpHeaderNames.HOST, connector.authority());
    }

    void start() {
        connector.acquire(ctx.channel().eventLoop(), this);
    }

    @Override
    public void acquired(Channel channel) {
        if (over) {
            connector.release(channel, true);
            return;
        }
        upstream = channel;
        upstreamHandler = (UpstreamHandler) channel.pipeline().last();
        upstreamHandler.attach(this);
        if (expectsContinue) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        sentAt = System.nanoTime();
        upstreamHandler.awaitHead(responseTimeoutNanos);
        send(request);
        down.readMore();
    }

    @Override
    public void failed(Throwable cause) {
        if (!over) {
            events.failed(UpstreamEvents.connectKind(cause));
        }
        fail(HttpResponseStatus.BAD_GATEWAY, "upstream-unreachable", "the upstream service could not be reached",
                Outcome.UPSTREAM_ERROR);
    }

    /** A write to the upstream completed. */
    @Override
    public void operationComplete(ChannelFuture future) {
        if (!future.isSuccess()) {
            upstreamFailed();
        }
    }

    @Override
    public void onContent(HttpContent content) {
        if (over) {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            // a broken body must not reach the upstream as a complete, shorter one: no terminating chunk is sent
            content.release();
            fail(HttpResponseStatus.BAD_REQUEST, "bad-request", "the request body is not valid HTTP",
                    Outcome.BAD_REQUEST);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        send(content);
        if (last) {
            requestDone = true;
            maybeFinish();
        } else if (upstream.isWritable()) {
            down.readMore();
        }
    }

    private void send(HttpObject msg) {
        upstream.write(msg).addListener(this);
        UpstreamFlushes.flushSoon(ctx.channel().eventLoop(), upstream);
    }

    @Override
    public void onWritabilityChanged() {
        if (upstream != null && !over) {
            upstream.config().setAutoRead(ctx.channel().isWritable());
        }
    }

    void onUpstreamWritable() {
        if (!requestDone && !over && upstream.isWritable()) {
            down.readMore();
        }
    }

    void onUpstream(HttpObject msg) {
        if (msg instanceof HttpResponse response) {
            responseHead(response);
        }
        ctx.write(msg);
        if (!ctx.channel().isWritable()) {
            upstream.config().setAutoRead(false);
        }
        if (msg instanceof LastHttpContent) {
            over = true;
            upstreamHandler.detach();
            connector.release(upstream, upstreamKeepAlive && requestDone);
            metrics.finished(Outcome.FORWARDED, System.nanoTime() - startNanos);
            maybeFinish();
        }
    }

    private void responseHead(HttpResponse response) {
        upstreamHandler.headArrived();
        long latency = System.nanoTime() - sentAt;
        metrics.upstreamLatency(latency);
        down.upstreamAnswered(latency);
        responseStarted = true;
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        HopByHop.strip(response.headers());
        if (!HttpUtil.isContentLengthSet(response) && mayHaveBody(response)) {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        HttpUtil.setKeepAlive(response, down.keepAlive());
    }

    private boolean mayHaveBody(HttpResponse response) {
        int code = response.status().code();
        return code >= 200 && code != 204 && code != 304 && !HttpMethod.HEAD.equals(request.method());
    }

    void onUpstreamReadComplete() {
        ctx.flush();
    }

    private void maybeFinish() {
        if (over && requestDone) {
            ctx.flush();
            down.finished(true);
        } else if (over && responseStarted) {
            // the upstream answered before reading the whole body: the client connection cannot be reused
            ctx.flush();
            down.finished(false);
        }
    }

    void onUpstreamClosed() {
        upstreamFailed();
    }

    private void upstreamFailed() {
        if (!over) {
            events.failed("reset");
        }
        fail(HttpResponseStatus.BAD_GATEWAY, "upstream-failed", "the upstream service closed the connection",
                Outcome.UPSTREAM_ERROR);
    }

    /** The response head did not arrive in time (called by the upstream handler's timer). */
    void timedOut() {
        if (!over) {
            events.failed("timeout");
        }
        fail(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream-timeout", "the upstream service did not answer in time",
                Outcome.UPSTREAM_TIMEOUT);
    }

    @Override
    public void onClosed() {
        if (!over) {
            over = true;
            releaseBroken();
        }
    }

    private void fail(HttpResponseStatus status, String type, String detail, Outcome outcome) {
        if (over) {
            return;
        }
        over = true;
        metrics.finished(outcome, System.nanoTime() - startNanos);
        releaseBroken();
        if (responseStarted) {
            down.finished(false);
            return;
        }
        HttpResponse problem = Problem.of(status, type, detail).toResponse();
        HttpUtil.setKeepAlive(problem, down.keepAlive() && requestDone);
        ctx.writeAndFlush(problem);
        down.finished(requestDone);
    }

    private void releaseBroken() {
        if (upstream != null) {
            upstreamHandler.detach();
            connector.release(upstream, false);
        }
    }
}
