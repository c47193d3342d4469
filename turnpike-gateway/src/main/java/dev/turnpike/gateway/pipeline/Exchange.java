package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.metrics.ServiceMetrics;
import dev.turnpike.l402.TokenId;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;

/** One request on its way through the pipeline: what the stages read, and what they found out. */
final class Exchange {

    final ExchangeHandler downstream;
    final HttpRequest request;
    /** The request path without query, as routes match it. */
    final String path;
    /** The Host header as the client sent it (null if none), and its host name, lower case, no port. */
    final String host;
    final String hostname;
    /** The client: the peer, or the address a trusted proxy forwarded for. */
    final InetAddress client;
    /** {@link System#nanoTime()} when the request's head arrived. */
    final long startNanos = System.nanoTime();
    CompiledRoute route;
    ServiceMetrics metrics;
    /** The verified token's id, when the request carries a valid token. */
    TokenId tokenId;
    /** For the access log: how the service admitted the request or not, and why not (see {@code AccessRecord}). */
    String auth;
    String reason;
    /** For the access log: the wallet key (base58) of a valid delegated token. */
    String wallet;
    /** The request body when a stage has read it whole (then it is forwarded from here); null: streamed. */
    byte[] body;

    Exchange(ExchangeHandler downstream, HttpRequest request, String path, String host, InetAddress client,
            ServiceMetrics metrics) {
        this.downstream = downstream;
        this.request = request;
        this.path = path;
        this.host = host;
        this.hostname = RequestTarget.hostname(host);
        this.client = client;
        this.metrics = metrics;
    }

    /** Notes for the access log that the request was refused, with the problem's {@code reason} word. */
    void refused(String reason) {
        this.auth = "refused";
        this.reason = reason;
    }

    /** Answers the request from the gateway; safe from the event loop only. */
    void respond(FullHttpResponse response, Outcome outcome) {
        metrics.finished(outcome, System.nanoTime() - startNanos);
        if (body == null) {
            downstream.respond(response);
        } else {
            downstream.respondAfterBody(response);
        }
    }

    EventLoop eventLoop() {
        return downstream.context().channel().eventLoop();
    }
}
