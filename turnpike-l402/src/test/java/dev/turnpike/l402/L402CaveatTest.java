package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class L402CaveatTest {
    @Test
    void splitsOnFirstEquals() {
        assertThat(L402Caveat.parse("a=b=c")).isEqualTo(new L402Caveat("a", "b=c"));
        assertThat(L402Caveat.parse("a=")).isEqualTo(new L402Caveat("a", ""));
        assertThat(L402Caveat.parse("abc")).isNull();
        assertThat(new L402Caveat("a", "b=c").encode()).isEqualTo("a=b=c");
        assertThatThrownBy(() -> new L402Caveat("a=b", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builtInConditionsAreReserved() {
        for (String c : new String[] {"services", "preimage", "svc_capabilities", "svc_valid_until", "_valid_until"}) {
            assertThat(L402Caveat.isReserved(c)).as(c).isTrue();
        }
        for (String c : new String[] {"ip", "service", "preimages", "capabilities_x", "valid_until_2"}) {
            assertThat(L402Caveat.isReserved(c)).as(c).isFalse();
        }
    }

    @Test
    void typedFactories() {
        assertThat(L402Caveat.services(List.of(new ServiceGrant("a", 0), new ServiceGrant("b", 2))).encode())
                .isEqualTo("services=a:0,b:2");
        assertThat(L402Caveat.capabilities("svc", List.of("x", "y")).encode()).isEqualTo("svc_capabilities=x,y");
        assertThat(L402Caveat.validUntil("svc", Instant.ofEpochSecond(1700000000, 5)).encode())
                .isEqualTo("svc_valid_until=1700000000");
        assertThat(L402Caveat.preimage(Preimage.fromHex("AA".repeat(32))).encode())
                .isEqualTo("preimage=" + "aa".repeat(32));
        assertThatThrownBy(() -> L402Caveat.services(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceGrant("a,b", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> L402Caveat.capabilities("svc", List.of("a b"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesServicesStrictly() {
        assertThat(L402Caveat.parseServices("a:0,b:255")).containsExactly(new ServiceGrant("a", 0),
                new ServiceGrant("b", 255));
        for (String bad : new String[] {"", "a", "a:", ":0", "a:0,", ",a:0", "a:-1", "a:+1", "a:256", "a:0:1",
                "a:0,,b:1", "a b:0", "a:1000"}) {
            assertThat(L402Caveat.parseServices(bad)).as(bad).isNull();
        }
    }

    @Test
    void parsesCapabilitiesAndTimes() {
        assertThat(L402Caveat.parseCapabilities("")).isEmpty();
        assertThat(L402Caveat.parseCapabilities("a,b")).containsExactly("a", "b");
        assertThat(L402Caveat.parseCapabilities("a,")).isNull();
        assertThat(L402Caveat.parseUnixSeconds("1700000000")).isEqualTo(1700000000L);
        assertThat(L402Caveat.parseUnixSeconds("-5")).isEqualTo(-5L);
        for (String bad : new String[] {"", "-", "+5", "1e9", " 1", "1234567890123456789"}) {
            assertThat(L402Caveat.parseUnixSeconds(bad)).as(bad).isNull();
        }
    }
}
