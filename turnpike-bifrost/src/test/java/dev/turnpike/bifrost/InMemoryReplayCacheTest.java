package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.ReplayCache.Use;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryReplayCacheTest {
    private static final Instant T0 = Instant.parse("2025-04-28T08:50:41Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();

    @Test
    void anIdIsFirstOnceAndAReplayUntilItsTimeIsOver() {
        InMemoryReplayCache cache = new InMemoryReplayCache(10, clock);
        Instant until = T0.plusSeconds(60);
        assertThat(cache.firstUse("k j1", until)).isEqualTo(Use.FIRST);
        assertThat(cache.firstUse("k j1", until)).isEqualTo(Use.REPLAYED);
        assertThat(cache.firstUse("k j2", until)).isEqualTo(Use.FIRST);
        clock.now = until;
        assertThat(cache.firstUse("k j1", until)).isEqualTo(Use.REPLAYED);
        clock.now = until.plusSeconds(1);
        assertThat(cache.firstUse("k j1", until.plusSeconds(60))).isEqualTo(Use.FIRST);
    }

    @Test
    void whenFullItDropsWhatHasExpiredAndOtherwiseRefusesRatherThanForget() {
        InMemoryReplayCache cache = new InMemoryReplayCache(2, clock);
        assertThat(cache.firstUse("a", T0.plusSeconds(10))).isEqualTo(Use.FIRST);
        assertThat(cache.firstUse("b", T0.plusSeconds(60))).isEqualTo(Use.FIRST);
        assertThat(cache.firstUse("c", T0.plusSeconds(60))).isEqualTo(Use.FULL);
        assertThat(cache.firstUse("a", T0.plusSeconds(60))).isEqualTo(Use.REPLAYED);
        clock.now = T0.plus(Duration.ofSeconds(11));
        assertThat(cache.firstUse("c", T0.plusSeconds(70))).isEqualTo(Use.FIRST);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void expiredEntriesArePurgedAsTimeGoesOn() {
        InMemoryReplayCache cache = new InMemoryReplayCache(100, clock);
        for (int i = 0; i < 50; i++) {
            cache.firstUse("id" + i, T0.plusSeconds(5));
        }
        clock.now = T0.plusSeconds(6);
        cache.firstUse("later", T0.plusSeconds(70));
        assertThat(cache.size()).isEqualTo(1);
        assertThatThrownBy(() -> new InMemoryReplayCache(0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
