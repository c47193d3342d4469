package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.accesslog.AccessLog;
import dev.turnpike.gateway.accesslog.AccessRecord;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetAddress;

/**
 * Sits just before the {@link ExchangeHandler} of a connection (HTTP/1) or stream (HTTP/2) and sees every response
 * written for it, the gateway's own and the upstream's: it counts the bytes, keeps the status, and when the last
 * part is written hands one {@link AccessRecord} to the {@link AccessLog}. The exchange handler tells it when a
 * request starts and what the pipeline found out. Event loop only; nothing is formatted here.
 */
final class AccessRecorder extends ChannelDuplexHandler {

    private final AccessLog log;
    /** A sampled request is in progress. */
    private boolean open;
    private long startNanos;
    private InetAddress client;
    private String method;
    private String target;
    private Exchange exchange;
    private int status;
    private long bytesIn;
    private long bytesOut;
    private long upstreamNanos;

    AccessRecorder(AccessLog log) {
        this.log = log;
    }

    /** A request's head was taken on; {@code peer} is its client until an exchange says otherwise. */
    void begin(HttpRequest request, InetAddress peer) {
        if (open) {
            finish();
        }
        open = log.sampled();
        if (open) {
            startNanos = System.nanoTime();
            client = peer;
            method = request.method().name();
            target = request.uri();
            exchange = null;
            status = 0;
            bytesIn = 0;
            bytesOut = 0;
            upstreamNanos = -1;
        }
    }

    /** The pipeline took the request on as {@code exchange}: its client, service and verdicts go into the line. */
    void attach(Exchange exchange) {
        if (open) {
            this.exchange = exchange;
            this.client = exchange.client;
        }
    }

    void bodyRead(HttpContent content) {
        bytesIn += content.content().readableBytes();
    }

    void upstreamAnswered(long nanos) {
        upstreamNanos = nanos;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (open) {
            if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
                status = response.status().code();
            }
            if (msg instanceof HttpContent content) {
                bytesOut += content.content().readableBytes();
            }
            if (msg instanceof LastHttpContent) {
                finish();
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open) {
            finish(); // the client went away first: the line says what was sent, status 0 if nothing
        }
        ctx.fireChannelInactive();
    }

    private void finish() {
        open = false;
        long endMillis = System.currentTimeMillis();
        long totalNanos = System.nanoTime() - startNanos;
        Exchange e = exchange;
        exchange = null;
        log.offer(e == null
                ? new AccessRecord(endMillis, client, method, target, null, status, null, null, null, null, null,
                        bytesIn, bytesOut, upstreamNanos, totalNanos)
                : new AccessRecord(endMillis, client, method, target, e.path, status,
                        e.route == null ? null : e.route.route().name(), e.auth, e.reason, e.tokenId, e.wallet,
                        bytesIn, bytesOut, upstreamNanos, totalNanos));
    }
}
