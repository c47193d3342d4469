package dev.turnpike.nodes.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.turnpike.lightning.node.NodeHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    @Test
    void eachChangeIsOneEvent() {
        Logger events = (Logger) LoggerFactory.getLogger("turnpike.event.lightning");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        events.addAppender(seen);
        events.setLevel(Level.INFO);
        events.setAdditive(false); // the test run stays quiet
        try {
            HealthTracker tracker = new HealthTracker(clock);
            tracker.up();
            tracker.up();
            tracker.down("connection refused");
            tracker.down("timed out");
            tracker.up();
        } finally {
            events.detachAppender(seen);
            events.setLevel(null);
            events.setAdditive(true);
        }
        assertThat(seen.list).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).containsExactly(
                "INFO the Lightning backend is up",
                "WARN the Lightning backend is down: connection refused",
                "INFO the Lightning backend is up");
        assertThat(seen.list.get(1).getKeyValuePairs()).extracting(kv -> kv.key + "=" + kv.value)
                .containsExactly("state=down", "was=up", "reason=connection refused");
    }
}
