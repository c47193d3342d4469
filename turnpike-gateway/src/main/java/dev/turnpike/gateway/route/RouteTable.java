package dev.turnpike.gateway.route;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The ordered services: the first that matches a request takes it. Immutable. */
public final class RouteTable {

    private final List<ServiceRoute> routes;

    public RouteTable(List<ServiceRoute> routes) {
        var names = new HashSet<String>();
        for (ServiceRoute r : routes) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("two services are named '" + r.name() + "'");
            }
        }
        this.routes = List.copyOf(routes);
    }

    public Optional<ServiceRoute> match(String hostname, String path) {
        for (ServiceRoute r : routes) {
            if (r.matches(hostname, path)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public List<ServiceRoute> routes() {
        return routes;
    }
}
