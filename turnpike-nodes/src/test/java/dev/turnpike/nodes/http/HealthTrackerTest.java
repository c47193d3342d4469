package dev.turnpike.nodes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.lightning.node.NodeHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void unknownUntilTheFirstCallThenSinceMovesOnlyWhenTheStatusChanges() {
        HealthTracker tracker = new HealthTracker(clock);
        assertThat(tracker.health().status()).isEqualTo(NodeHealth.Status.UNKNOWN);

        Instant upAt = now = now.plus(Duration.ofSeconds(1));
        tracker.up();
        now = now.plus(Duration.ofSeconds(1));
        tracker.up();
        assertThat(tracker.health()).isEqualTo(new NodeHealth(NodeHealth.Status.UP, upAt, ""));

        Instant downAt = now = now.plus(Duration.ofSeconds(1));
        tracker.down("connection refused");
        now = now.plus(Duration.ofSeconds(1));
        tracker.down("timed out");
        assertThat(tracker.health()).isEqualTo(new NodeHealth(NodeHealth.Status.DOWN, downAt, "timed out"));
        assertThat(tracker.health().isUp()).isFalse();
    }
}
