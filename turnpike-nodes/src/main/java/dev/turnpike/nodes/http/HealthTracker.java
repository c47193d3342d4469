package dev.turnpike.nodes.http;

import dev.turnpike.lightning.node.HealthReporting;
import dev.turnpike.lightning.node.NodeHealth;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** Remembers a node's reachability from the outcome of each call; {@code since} moves only when the status changes. */
public final class HealthTracker implements HealthReporting {

    private final Clock clock;
    private final AtomicReference<NodeHealth> current;

    public HealthTracker(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new AtomicReference<>(new NodeHealth(NodeHealth.Status.UNKNOWN, clock.instant(), ""));
    }

    public void up() {
        current.updateAndGet(h -> h.status() == NodeHealth.Status.UP ? h
                : new NodeHealth(NodeHealth.Status.UP, clock.instant(), ""));
    }

    /** Down for {@code reason} (no secrets); a new reason while already down keeps {@code since}. */
    public void down(String reason) {
        current.updateAndGet(h -> new NodeHealth(NodeHealth.Status.DOWN,
                h.status() == NodeHealth.Status.DOWN ? h.since() : clock.instant(), reason));
    }

    @Override
    public NodeHealth health() {
        return current.get();
    }
}
