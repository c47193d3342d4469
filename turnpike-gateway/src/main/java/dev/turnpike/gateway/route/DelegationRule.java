package dev.turnpike.gateway.route;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a delegated token needs for one kind of request of a {@code bifrost} (or {@code either}) service: requests
 * with {@code method} (null: any) whose path matches {@code path} need {@code scope} (if given) among the token's
 * {@code permissions.scopes}, and for each path variable in {@code resources} its value among the token's
 * {@code permissions.resources.<kind>}, e.g. {@code GET /sites/{site}/meters} → {@code read:meter},
 * {@code {site: sites}}.
 *
 * @param resources path variable → resource kind
 */
public record DelegationRule(String method, PathTemplate path, Optional<String> scope, Map<String, String> resources) {

    public DelegationRule {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(scope, "scope");
        resources = Map.copyOf(resources);
        if (!path.variables().containsAll(resources.keySet())) {
            throw new IllegalArgumentException("resources name a variable that " + path + " does not have");
        }
    }

    public boolean matches(String requestMethod, String requestPath) {
        return (method == null || method.equals(requestMethod)) && path.matches(requestPath);
    }

    /** {@code GET /sites/{site}/meters}, as configured. */
    public String describe() {
        return (method == null ? "any method" : method) + " " + path;
    }
}
