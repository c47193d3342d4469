package dev.turnpike.nodes.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void delaysDoubleWithJitterInTheUpperHalfUpToTheMaximum() {
        Random seeds = new Random(42);
        for (int run = 0; run < 200; run++) {
            Backoff backoff = new Backoff(INITIAL, MAX, new Random(seeds.nextLong()));
            long ceiling = INITIAL.toNanos();
            for (int attempt = 0; attempt < 80; attempt++) {
                long delay = backoff.next().toNanos();
                assertThat(delay).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
                ceiling = Math.min(MAX.toNanos(), ceiling * 2);
            }
        }
    }

    @Test
    void resetStartsFromTheInitialDelayAgain() {
        Backoff backoff = new Backoff(INITIAL, MAX, new Random(7));
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        backoff.reset();
        assertThat(backoff.next()).isBetween(INITIAL.dividedBy(2), INITIAL);
    }

    @Test
    void jitterSpreadsTheDelays() {
        Backoff backoff = new Backoff(INITIAL, INITIAL, new Random(3));
        long first = backoff.next().toNanos();
        boolean differs = false;
        for (int i = 0; i < 20 && !differs; i++) {
            differs = backoff.next().toNanos() != first;
        }
        assertThat(differs).isTrue();
    }

    @Test
    void theMaximumMustNotBeBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(MAX, INITIAL, new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
