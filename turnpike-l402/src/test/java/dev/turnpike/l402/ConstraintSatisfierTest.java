package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The built-in satisfiers, checked directly (the verifier tests cover them end to end). */
class ConstraintSatisfierTest {
    static final RequestContext API = RequestContext.forService("api");

    @Test
    void exactInput() {
        ConstraintSatisfier s = ConstraintSatisfier.exactInput("api_region", "region");
        assertThat(s.condition()).isEqualTo("api_region");
        assertThat(s.narrows("eu", "eu")).isTrue();
        assertThat(s.narrows("eu", "us")).isFalse();
        assertThat(s.isSatisfied("eu", API.withInput("region", "eu"))).isTrue();
        assertThat(s.isSatisfied("eu", API.withInput("region", "EU"))).isFalse();
        assertThat(s.isSatisfied("eu", API)).isFalse();
        assertThatThrownBy(() -> ConstraintSatisfier.exactInput("a=b", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atMostComparesStrictDecimalLongs() {
        ConstraintSatisfier s = ConstraintSatisfier.atMost("api_max", "n");
        assertThat(s.condition()).isEqualTo("api_max");
        assertThat(s.narrows("10", "10")).isTrue();
        assertThat(s.narrows("10", "9")).isTrue();
        assertThat(s.narrows("10", "11")).isFalse();
        assertThat(s.narrows("-1", "-2")).isTrue();
        assertThat(s.narrows("10", "x")).isFalse();
        assertThat(s.narrows("", "1")).isFalse();
        assertThat(s.isSatisfied("10", API.withInput("n", "10"))).isTrue();
        assertThat(s.isSatisfied("10", API.withInput("n", "11"))).isFalse();
        assertThat(s.isSatisfied("-5", API.withInput("n", "-6"))).isTrue();
        assertThat(s.isSatisfied("10", API.withInput("n", "+1"))).isFalse();
        assertThat(s.isSatisfied("10", API.withInput("n", " 1"))).isFalse();
        assertThat(s.isSatisfied("999999999999999999", API.withInput("n", "1"))).isTrue();
        assertThat(s.isSatisfied("1000000000000000000", API.withInput("n", "1"))).isFalse();
        assertThat(s.isSatisfied("10", API)).isFalse();
        assertThatThrownBy(() -> ConstraintSatisfier.atMost("", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
