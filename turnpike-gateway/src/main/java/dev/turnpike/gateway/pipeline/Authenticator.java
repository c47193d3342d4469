package dev.turnpike.gateway.pipeline;

/** How a service checks a request; chosen per service at start from its {@code AuthPolicy}. */
@FunctionalInterface
interface Authenticator {
    /** Passes an admitted exchange to {@code next}; answers any other. */
    void authenticate(Exchange exchange, Chain next);
}
