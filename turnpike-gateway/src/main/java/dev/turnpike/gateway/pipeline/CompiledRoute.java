package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.metrics.ServiceMetrics;
import dev.turnpike.gateway.proxy.Forwarder;
import dev.turnpike.gateway.route.ServiceRoute;

/** A service with the strategies chosen for it at start. */
record CompiledRoute(ServiceRoute route, Authenticator authenticator, Forwarder forwarder, ServiceMetrics metrics) {}
