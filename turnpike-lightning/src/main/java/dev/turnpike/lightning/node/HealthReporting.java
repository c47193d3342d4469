package dev.turnpike.lightning.node;

/**
 * A backend that knows whether its node is reachable, for the gateway's {@code /healthz} and metrics. Answers from
 * memory (the last call's or the stream's outcome): it never calls the node and never blocks.
 */
@FunctionalInterface
public interface HealthReporting {

    NodeHealth health();
}
