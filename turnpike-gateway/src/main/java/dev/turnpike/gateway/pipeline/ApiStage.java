package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.hosting.ApiAnswer;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.proxy.DownstreamListener;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link JsonApi} under its prefix, ahead of the routes: reads the request body whole (at most
 * {@value #MAX_BODY} bytes, else 413), runs the API on its executor (it may block), and answers on the
 * event loop: at once, when a {@link ApiAnswer.Later late answer} completes, or as an
 * {@link ApiAnswer.EventStream event stream}. Held requests are capped by the API's {@link JsonApi#heldLimits()}
 * (see {@link HeldRequests}). Requests outside the prefix pass on untouched.
 */
final class ApiStage implements Stage {

    static final int MAX_BODY = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ApiStage.class);

    private final JsonApi api;
    private final Executor executor;
    private final String prefix;
    private final HeldRequests held;

    ApiStage(JsonApi api, Executor executor) {
        this.api = api;
        this.executor = executor;
        this.prefix = api.prefix();
        this.held = new HeldRequests(api.heldLimits());
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        String path = exchange.path;
        if (!path.startsWith(prefix) || (path.length() > prefix.length() && path.charAt(prefix.length()) != '/')) {
            next.proceed(exchange);
            return;
        }
        String apiPath = path.substring(prefix.length());
        if (!api.claims(apiPath)) {
            next.proceed(exchange);
            return;
        }
        exchange.downstream.listen(new Body(exchange, apiPath));
        exchange.downstream.readMore();
    }

    static FullHttpResponse toHttp(ApiResponse r) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, r.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().forEach(response.headers()::set);
        return response;
    }

    static ApiResponse internalError() {
        return ApiResponse.problem(500, "Internal Server Error", "the request could not be served");
    }

    /** Collects the body, then calls the API. */
    private final class Body implements DownstreamListener {
        private final Exchange exchange;
        private final String apiPath;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Body(Exchange exchange, String apiPath) {
            this.exchange = exchange;
            this.apiPath = apiPath.isEmpty() ? "/" : apiPath;
        }

        @Override
        public void onContent(HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            try {
                int n = content.content().readableBytes();
                if (bytes.size() + n > MAX_BODY) {
                    exchange.respond(Responses.badRequest(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                            "the request body is larger than " + MAX_BODY + " bytes"), Outcome.BAD_REQUEST);
                    return;
                }
                byte[] chunk = new byte[n];
                content.content().readBytes(chunk);
                bytes.writeBytes(chunk);
            } finally {
                content.release();
            }
            if (last) {
                call();
            } else {
                exchange.downstream.readMore();
            }
        }

        private void call() {
            HttpHeaders headers = exchange.request.headers();
            Map<String, String> query = new HashMap<>();
            new QueryStringDecoder(exchange.request.uri()).parameters().forEach((k, v) -> query.put(k, v.get(0)));
            ApiRequest request = new ApiRequest(exchange.request.method().name(), apiPath, query, headers::get,
                    bytes.toByteArray(), exchange.client, exchange.downstream.scheme());
            try {
                executor.execute(() -> answer(run(request)));
            } catch (RejectedExecutionException e) {
                exchange.respond(Responses.busy(), Outcome.UNAVAILABLE);
            }
        }

        private ApiAnswer run(ApiRequest request) {
            try {
                return api.handle(request);
            } catch (Exception e) {
                log.error("the API at '{}' failed on {} {}", prefix, request.method(), request.path(), e);
                return internalError();
            }
        }

        private void answer(ApiAnswer answer) {
            switch (answer) {
                case ApiResponse r -> respond(r);
                case ApiAnswer.Later later -> {
                    switch (held.take(exchange.client, later.hold())) {
                        case HeldRequests.Place place -> exchange.eventLoop().execute(() -> new LateAnswer(exchange,
                                later.response(), () -> held.release(place)).await());
                        case HeldRequests.Full full -> {
                            later.response().cancel(false);
                            respond(full.answer());
                        }
                    }
                }
                case ApiAnswer.EventStream stream -> {
                    switch (held.take(exchange.client, stream.hold())) {
                        case HeldRequests.Place place -> exchange.eventLoop().execute(() -> new EventStreamWriter(
                                exchange, stream, executor, () -> held.release(place)).start());
                        case HeldRequests.Full full -> respond(full.answer());
                    }
                }
            }
        }

        private void respond(ApiResponse r) {
            FullHttpResponse response = toHttp(r);
            exchange.eventLoop().execute(() -> {
                exchange.metrics.outcome(Outcome.API);
                exchange.downstream.respondAfterBody(response);
            });
        }

        @Override
        public void onWritabilityChanged() {}

        @Override
        public void onClosed() {}
    }
}
