package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.graphql.GraphqlRequestException;
import dev.turnpike.gateway.graphql.GraphqlRequestReader;
import dev.turnpike.gateway.graphql.OperationSelector;
import dev.turnpike.gateway.graphql.RootField;
import dev.turnpike.gateway.graphql.SelectedOperation;
import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.gateway.proxy.DownstreamListener;
import dev.turnpike.gateway.route.GraphqlEndpoint;
import dev.turnpike.gateway.route.ServiceRoute;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The GraphQL endpoint of a delegated service, ahead of authentication: a request to it that carries a delegated
 * token has its body read whole (at most {@code max_body} bytes, else 413) and its operations read
 * ({@link GraphqlRequestReader}; unreadable: 400); one that selects a never-delegable root field is refused (403
 * {@code never_delegable}, naming the field), as a never-delegable path is. The others go on with the body kept in
 * the exchange, and are forwarded with it. Everything else (no delegated token: an L402 request on an
 * {@code either} service, whitelisted paths, CORS preflights, other paths) passes untouched, its body streamed.
 */
final class GraphqlGuard {

    private static final String BAD_GRAPHQL = "bad-graphql-request";

    private final ServiceRoute route;
    private final GraphqlEndpoint endpoint;
    private final GraphqlRequestReader reader;
    private final DelegationAnswers answers;

    GraphqlGuard(ServiceRoute route, GraphqlEndpoint endpoint, DelegationAnswers answers) {
        this.route = route;
        this.endpoint = endpoint;
        this.reader = new GraphqlRequestReader(new OperationSelector(endpoint.maxBody(), endpoint.maxTokens(),
                endpoint.maxDepth()));
        this.answers = answers;
    }

    void handle(Exchange exchange, Chain next) {
        HttpRequest request = exchange.request;
        if (!endpoint.matches(exchange.path) || HttpMethod.OPTIONS.equals(request.method())
                || route.isWhitelisted(exchange.path) || DelegatedCredential.of(request.headers()) == null) {
            next.proceed(exchange);
            return;
        }
        if (HttpUtil.getContentLength(request, -1L) > endpoint.maxBody()) {
            tooLarge(exchange);
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            // the body is read here, before the upstream could ask for it
            HttpUtil.set100ContinueExpected(request, false);
            exchange.downstream.context().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.CONTINUE));
        }
        exchange.downstream.listen(new Body(exchange, next));
        exchange.downstream.readMore();
    }

    private void check(Exchange exchange, Chain next, byte[] body) {
        exchange.body = body;
        // every parameter (the request line bounds them), and ';' as a plain character, as URLSearchParams reads them
        QueryStringDecoder url = QueryStringDecoder.builder().maxParams(Integer.MAX_VALUE).semicolonIsNormalChar(true)
                .build(exchange.request.uri());
        List<SelectedOperation> operations;
        try {
            operations = reader.read(parameter(url, "query"), parameter(url, "operationName"),
                    exchange.request.headers().get(HttpHeaderNames.CONTENT_TYPE), body);
        } catch (GraphqlRequestException e) {
            exchange.respond(Problem.of(HttpResponseStatus.BAD_REQUEST, BAD_GRAPHQL, e.getMessage())
                    .member("reason", e.reason()).toResponse(), Outcome.BAD_REQUEST);
            return;
        }
        for (SelectedOperation op : operations) {
            RootField field = RootField.firstSelected(endpoint.neverDelegable(), op);
            if (field != null) {
                exchange.respond(answers.forbidden("never_delegable", "a delegated token never allows the GraphQL"
                        + " field " + field + ": use the wallet itself", "field", field.toString()), Outcome.FORBIDDEN);
                return;
            }
        }
        next.proceed(exchange);
    }

    private void tooLarge(Exchange exchange) {
        exchange.respond(Problem.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, BAD_GRAPHQL, "a GraphQL request to"
                + " this service is at most " + endpoint.maxBody() + " bytes").member("reason", "graphql_too_large")
                .toResponse(), Outcome.BAD_REQUEST);
    }

    /** The parameter's one value; null if absent. Given twice, servers differ on which counts: both are refused. */
    private static String parameter(QueryStringDecoder url, String name) throws GraphqlRequestException {
        List<String> values = url.parameters().get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw new GraphqlRequestException(GraphqlRequestException.UNPARSABLE, "the URL has " + name + " twice");
        }
        return values.get(0);
    }

    /** Reads the body whole, within the endpoint's limit, then checks it. */
    private final class Body implements DownstreamListener {
        private final Exchange exchange;
        private final Chain next;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Body(Exchange exchange, Chain next) {
            this.exchange = exchange;
            this.next = next;
        }

        @Override
        public void onContent(HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            try {
                if (content.decoderResult().isFailure()) {
                    // the framing is broken: what came is not the body, and nothing after it can be read
                    exchange.metrics.outcome(Outcome.BAD_REQUEST);
                    exchange.downstream.respondAndClose(Responses.badRequest(HttpResponseStatus.BAD_REQUEST,
                            "the request body is not valid HTTP"));
                    return;
                }
                int n = content.content().readableBytes();
                if (bytes.size() + n > endpoint.maxBody()) {
                    tooLarge(exchange);
                    return;
                }
                byte[] chunk = new byte[n];
                content.content().readBytes(chunk);
                bytes.writeBytes(chunk);
            } finally {
                content.release();
            }
            if (last) {
                check(exchange, next, bytes.toByteArray());
            } else {
                exchange.downstream.readMore();
            }
        }

        @Override
        public void onWritabilityChanged() {}

        @Override
        public void onClosed() {}
    }
}
