package dev.turnpike.gateway.pipeline;

/** What a paid service does with a request that has no valid token. */
@FunctionalInterface
interface Denial {
    void deny(Exchange exchange, Chain next, Refusal refusal);
}
