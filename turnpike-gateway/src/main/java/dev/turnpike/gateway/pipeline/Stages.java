package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.ratelimit.Limiter;
import dev.turnpike.l402.TokenId;
import java.util.List;

/** The stages of the pipeline, in order: route, authenticate, rate limit paid traffic, forward. */
final class Stages {

    private Stages() {}

    static List<Stage> stages(List<CompiledRoute> routes, Limiter<TokenId> paidLimiter) {
        return List.of(route(routes), Stages::graphql, Stages::authenticate, paidRateLimit(paidLimiter),
                Stages::forward);
    }

    /** The first service whose host and path patterns match takes the request (405 for a method it does not serve); none: 404. */
    static Stage route(List<CompiledRoute> routes) {
        CompiledRoute[] table = routes.toArray(CompiledRoute[]::new);
        return (exchange, next) -> {
            for (CompiledRoute r : table) {
                if (r.route().matches(exchange.hostname, exchange.path)) {
                    exchange.route = r;
                    exchange.metrics = r.metrics();
                    if (r.route().serves(exchange.request.method().name())) {
                        next.proceed(exchange);
                    } else {
                        exchange.respond(Responses.methodNotServed(r.route().methods()), Outcome.BAD_REQUEST);
                    }
                    return;
                }
            }
            exchange.respond(Responses.notFound(), Outcome.NOT_FOUND);
        };
    }

    /** Services with a GraphQL endpoint check the operations of delegated requests to it (see {@link GraphqlGuard}). */
    static void graphql(Exchange exchange, Chain next) {
        GraphqlGuard guard = exchange.route.graphql();
        if (guard == null) {
            next.proceed(exchange);
        } else {
            guard.handle(exchange, next);
        }
    }

    static void authenticate(Exchange exchange, Chain next) {
        exchange.route.authenticator().authenticate(exchange, next);
    }

    /** Paid traffic per token id (unpaid traffic is limited where challenges are issued). */
    static Stage paidRateLimit(Limiter<TokenId> limiter) {
        return (exchange, next) -> {
            long waitMillis = exchange.tokenId == null ? 0 : limiter.tryAcquire(exchange.tokenId);
            if (waitMillis > 0) {
                exchange.respond(Responses.tooManyRequests(waitMillis), Outcome.RATE_LIMITED);
            } else {
                next.proceed(exchange);
            }
        };
    }

    static void forward(Exchange exchange, Chain next) {
        exchange.downstream.addForwardedHeaders(exchange);
        exchange.route.forwarder().forward(exchange.body == null ? exchange.downstream
                : new BufferedBody(exchange.downstream, exchange.body), exchange.request, exchange.startNanos);
    }
}
