package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.metrics.ServiceMetrics;
import dev.turnpike.gateway.proxy.Forwarder;
import dev.turnpike.gateway.route.ServiceRoute;

/** A service with the strategies chosen for it at start; {@code graphql}: its GraphQL endpoint's guard, or null. */
record CompiledRoute(ServiceRoute route, Authenticator authenticator, GraphqlGuard graphql, Forwarder forwarder,
        ServiceMetrics metrics) {}
