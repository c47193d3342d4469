package dev.turnpike.l402;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request asks for, as far as caveats are concerned: the target service, the capability the route
 * requires (if any) and named inputs for configured constraints. Immutable.
 */
public final class RequestContext {
    private final String service;
    private final String requiredCapability;
    private final Map<String, String> inputs;

    private RequestContext(String service, String requiredCapability, Map<String, String> inputs) {
        this.service = service;
        this.requiredCapability = requiredCapability;
        this.inputs = inputs;
    }

    /** A request to {@code service} requiring no capability and carrying no constraint inputs. */
    public static RequestContext forService(String service) {
        if (!L402Caveat.isValidName(Objects.requireNonNull(service, "service"))) {
            throw new IllegalArgumentException("invalid service name: " + service);
        }
        return new RequestContext(service, null, Map.of());
    }

    /** A copy that requires {@code capability}. */
    public RequestContext requiringCapability(String capability) {
        if (!L402Caveat.isValidName(Objects.requireNonNull(capability, "capability"))) {
            throw new IllegalArgumentException("invalid capability name: " + capability);
        }
        return new RequestContext(service, capability, inputs);
    }

    /** A copy with one more constraint input. */
    public RequestContext withInput(String name, String value) {
        Map<String, String> m = new HashMap<>(inputs);
        m.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new RequestContext(service, requiredCapability, Map.copyOf(m));
    }

    /** The target service name. */
    public String service() {
        return service;
    }

    /** The capability the route requires, if any. */
    public Optional<String> requiredCapability() {
        return Optional.ofNullable(requiredCapability);
    }

    /** A constraint input by name. */
    public Optional<String> input(String name) {
        return Optional.ofNullable(inputs.get(name));
    }

    @Override
    public String toString() {
        return "RequestContext[service=" + service + ", capability=" + requiredCapability + ", inputs=" + inputs + "]";
    }
}
