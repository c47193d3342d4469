package dev.turnpike.gateway.route;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Maps requests to the capability they need: a method set (empty = any method) and a path regex
 * that must match the whole path. The first matching rule of a service decides.
 */
public record CapabilityRule(Set<String> methods, Pattern path, String capability) {

    public CapabilityRule {
        methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(capability, "capability");
    }

    public boolean matches(String method, String requestPath) {
        return (methods.isEmpty() || methods.contains(method)) && path.matcher(requestPath).matches();
    }
}
