package dev.turnpike.client.bifrost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves; its {@link #pause} moves it instead of sleeping, and records what it was asked. */
final class TestClock extends Clock {
    private volatile Instant now;
    final java.util.List<Duration> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestClock(Instant start) {
        this.now = start;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    Pause pause() {
        return d -> {
            pauses.add(d);
            advance(d);
        };
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
