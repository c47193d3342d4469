package dev.turnpike.client.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RenewingCredentialTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void renewalIsDueWhenATenthOfTheLifetimeOrTwoMinutesAreLeft() {
        // 10 minutes: the two-minute margin is the larger
        assertThat(RenewingCredential.due(T, T.plus(Duration.ofMinutes(10)), T.plus(Duration.ofMinutes(7)))).isFalse();
        assertThat(RenewingCredential.due(T, T.plus(Duration.ofMinutes(10)), T.plus(Duration.ofMinutes(8)))).isTrue();
        // 12 hours: a tenth, 72 minutes
        Instant end = T.plus(Duration.ofHours(12));
        assertThat(RenewingCredential.due(T, end, end.minus(Duration.ofMinutes(73)))).isFalse();
        assertThat(RenewingCredential.due(T, end, end.minus(Duration.ofMinutes(72)))).isTrue();
        // past the end
        assertThat(RenewingCredential.due(T, end, end.plusSeconds(1))).isTrue();
    }
}
