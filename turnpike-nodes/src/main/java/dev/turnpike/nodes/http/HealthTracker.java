package dev.turnpike.nodes.http;

import dev.turnpike.lightning.node.HealthReporting;
import dev.turnpike.lightning.node.NodeHealth;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers a node's reachability from the outcome of each call; {@code since} moves only when the status changes.
 * Each change is an event for the operator, once: {@code turnpike.event.lightning} (WARN when down, INFO when up).
 */
public final class HealthTracker implements HealthReporting {

    private static final Logger EVENTS = LoggerFactory.getLogger("turnpike.event.lightning");

    private final Clock clock;
    private final AtomicReference<NodeHealth> current;

    public HealthTracker(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new AtomicReference<>(new NodeHealth(NodeHealth.Status.UNKNOWN, clock.instant(), ""));
    }

    public void up() {
        NodeHealth before = current.getAndUpdate(h -> h.status() == NodeHealth.Status.UP ? h
                : new NodeHealth(NodeHealth.Status.UP, clock.instant(), ""));
        if (before.status() != NodeHealth.Status.UP) {
            EVENTS.atInfo().addKeyValue("state", "up").addKeyValue("was", word(before.status()))
                    .log("the Lightning backend is up");
        }
    }

    /** Down for {@code reason} (no secrets); a new reason while already down keeps {@code since}. */
    public void down(String reason) {
        NodeHealth before = current.getAndUpdate(h -> new NodeHealth(NodeHealth.Status.DOWN,
                h.status() == NodeHealth.Status.DOWN ? h.since() : clock.instant(), reason));
        if (before.status() != NodeHealth.Status.DOWN) {
            EVENTS.atWarn().addKeyValue("state", "down").addKeyValue("was", word(before.status()))
                    .addKeyValue("reason", reason).log("the Lightning backend is down: {}", reason);
        }
    }

    private static String word(NodeHealth.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public NodeHealth health() {
        return current.get();
    }
}
