package dev.turnpike.client.bifrost;

import dev.turnpike.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock the test moves; its {@link #pause} moves it instead of sleeping, and records what it was asked. */
final class TestClock extends MutableClock {
    final List<Duration> pauses = new CopyOnWriteArrayList<>();

    TestClock(Instant start) {
        super(start);
    }

    Pause pause() {
        return d -> {
            pauses.add(d);
            advance(d);
        };
    }
}
