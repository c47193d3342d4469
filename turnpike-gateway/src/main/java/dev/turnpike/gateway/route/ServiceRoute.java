package dev.turnpike.gateway.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured service, compiled: which requests it takes (host and path regexes, each matching
 * the whole value; a null host matches any), where they go, how they are protected, which
 * capability each request needs, which paths are free of authentication, and which methods it serves (empty:
 * any; {@code HEAD} goes with {@code GET}, and {@code OPTIONS} is always served, for CORS preflights).
 */
public record ServiceRoute(
        String name,
        Pattern host,
        Pattern path,
        Upstream upstream,
        AuthPolicy auth,
        List<CapabilityRule> capabilityRules,
        List<Pattern> whitelist,
        Set<String> methods) {

    public ServiceRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(auth, "auth");
        capabilityRules = List.copyOf(capabilityRules);
        whitelist = List.copyOf(whitelist);
        methods = Set.copyOf(methods);
    }

    /** A service that serves every method. */
    public ServiceRoute(String name, Pattern host, Pattern path, Upstream upstream, AuthPolicy auth,
            List<CapabilityRule> capabilityRules, List<Pattern> whitelist) {
        this(name, host, path, upstream, auth, capabilityRules, whitelist, Set.of());
    }

    /** Whether this service serves {@code method} (upper case, as sent). */
    public boolean serves(String method) {
        return methods.isEmpty() || methods.contains(method) || method.equals("OPTIONS")
                || (method.equals("HEAD") && methods.contains("GET"));
    }

    /** Whether this service takes a request for {@code hostname} (without port) and {@code requestPath}. */
    public boolean matches(String hostname, String requestPath) {
        return (host == null || (hostname != null && host.matcher(hostname).matches()))
                && path.matcher(requestPath).matches();
    }

    /** The capability the request needs: the first matching rule's, or none. */
    public Optional<String> capabilityFor(String method, String requestPath) {
        for (CapabilityRule rule : capabilityRules) {
            if (rule.matches(method, requestPath)) {
                return Optional.of(rule.capability());
            }
        }
        return Optional.empty();
    }

    /** Whether the path is served without authentication. */
    public boolean isWhitelisted(String requestPath) {
        for (Pattern p : whitelist) {
            if (p.matcher(requestPath).matches()) {
                return true;
            }
        }
        return false;
    }
}
