package dev.turnpike.gateway.pipeline;

/** One step of the request pipeline: it answers the exchange, or passes it to {@code next}. */
@FunctionalInterface
interface Stage {
    void handle(Exchange exchange, Chain next);
}
