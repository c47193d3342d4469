package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.ReplayCache.Use;
import dev.turnpike.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryReplayCacheTest {
    private static final Instant T0 = Instant.parse("2025-04-28T08:50:41Z");

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void anIdIsFirstOnceAndAReplayUntilItsTimeIsOver() {
        InMemoryReplayCache cache = new InMemoryReplayCache(10, clock);
        Instant until = T0.plusSeconds(60);
        assertThat(cache.firstUse("k j1", until)).isEqualTo(Use.FIRST);
        assertThat(cache.firstUse("k j1", until)).isEqualTo(Use.REPLAYED);
        assertThat(cache.firstUse("k j2", until)).isEqualTo(Use.FIRST);
        clock.advance(Duration.between(clock.instant(), until));
        assertThat(cache.firstUse("k j1", until)).isEqualTo(Use.REPLAYED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.firstUse("k j1", until.plusSeconds(60))).isEqualTo(Use.FIRST);
    }

    @Test
    void whenFullItDropsWhatHasExpiredAndOtherwiseRefusesRatherThanForget() {
        InMemoryReplayCache cache = new InMemoryReplayCache(2, clock);
        assertThat(cache.firstUse("a", T0.plusSeconds(10))).isEqualTo(Use.FIRST);
        assertThat(cache.firstUse("b", T0.plusSeconds(60))).isEqualTo(Use.FIRST);
        assertThat(cache.firstUse("c", T0.plusSeconds(60))).isEqualTo(Use.FULL);
        assertThat(cache.firstUse("a", T0.plusSeconds(10))).isEqualTo(Use.REPLAYED);
        clock.advance(Duration.ofSeconds(11));
        assertThat(cache.firstUse("c", T0.plusSeconds(70))).isEqualTo(Use.FIRST);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void expiredEntriesArePurgedAsTimeGoesOn() {
        InMemoryReplayCache cache = new InMemoryReplayCache(100, clock);
        for (int i = 0; i < 50; i++) {
            cache.firstUse("id" + i, T0.plusSeconds(5));
        }
        clock.advance(Duration.ofSeconds(6));
        cache.firstUse("later", T0.plusSeconds(70));
        assertThat(cache.size()).isEqualTo(1);
        assertThatThrownBy(() -> new InMemoryReplayCache(0, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdWhoseTimeIsAlreadyOverIsNotRemembered() {
        InMemoryReplayCache cache = new InMemoryReplayCache(10, clock);
        assertThat(cache.firstUse("old", T0.minusSeconds(1))).isEqualTo(Use.FIRST);
        assertThat(cache.size()).isZero();
    }

    /**
     * A gateway's load: a window's worth of proofs at 15,000 a second, each first once and a replay after, and the
     * seconds that end are forgotten as time goes on (this capacity would be full otherwise).
     */
    @Test
    void holdsAWindowOfProofsAtAGatewaysRateAndForgetsTheSecondsThatEnd() {
        InMemoryReplayCache cache = new InMemoryReplayCache(InMemoryReplayCache.DEFAULT_CAPACITY, clock);
        int notFirst = 0;
        for (int second = 0; second < 100; second++) {
            Instant until = clock.instant().plusSeconds(65);
            for (int i = 0; i < 15_000; i++) {
                notFirst += cache.firstUse(second + "/" + i, until) == Use.FIRST ? 0 : 1;
            }
            assertThat(cache.firstUse(second + "/7", until)).isEqualTo(Use.REPLAYED);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(notFirst).isZero();
        assertThat(cache.size()).isBetween(65 * 15_000, 66 * 15_000);
    }
}
