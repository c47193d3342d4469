package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations, Cidr and ListenAddress on their own. */
class ValueTypesTest {

    @ParameterizedTest
    @CsvSource({"90s,PT1M30S", "30m,PT30M", "12h,PT12H", "7d,PT168H", "0s,PT0S", " 5M ,PT5M", "PT1H,PT1H",
            "pt1h30m,PT1H30M", "P7D,PT168H", "PT0.5S,PT0.5S"})
    void durationsParse(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void durationErrorsSayWhatIsAccepted() {
        assertThatThrownBy(() -> Durations.parse("10")).hasMessage("a duration needs a unit: '10' (e.g. 90s, 30m, 12h, 7d or ISO-8601 PT1H)");
        assertThatThrownBy(() -> Durations.parse("10w")).hasMessage("unknown unit 'w' in '10w': use s, m, h or d (e.g. 90s, 30m, 12h, 7d or ISO-8601 PT1H)");
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessage("not a duration: '-5s' (e.g. 90s, 30m, 12h, 7d or ISO-8601 PT1H)");
        assertThatThrownBy(() -> Durations.parse("PT-1H")).hasMessage("a duration must not be negative: 'PT-1H'");
        assertThatThrownBy(() -> Durations.parse("P1Y")).hasMessage("not a duration: 'P1Y' (e.g. 90s, 30m, 12h, 7d or ISO-8601 PT1H)");
        assertThatThrownBy(() -> Durations.parse("999999999999999999d")).hasMessage("duration too long: '999999999999999999d'");
        assertThatThrownBy(() -> Durations.parse(" ")).hasMessage("not a duration: empty (e.g. 90s, 30m, 12h, 7d or ISO-8601 PT1H)");
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"PT168H,7d", "PT1H,1h", "PT90M,90m", "PT45S,45s", "PT0S,0s", "PT0.5S,PT0.5S"})
    void durationsFormatBackToWhatParses(String iso, String text) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void cidrsContain() throws Exception {
        Cidr v4 = Cidr.parse("10.0.0.0/8");
        assertThat(v4.contains(InetAddress.getByName("10.255.0.1"))).isTrue();
        assertThat(v4.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(v4.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(v4.isIpv4()).isTrue();
        Cidr odd = Cidr.parse("192.168.4.0/22");
        assertThat(odd.contains(InetAddress.getByName("192.168.7.255"))).isTrue();
        assertThat(odd.contains(InetAddress.getByName("192.168.8.0"))).isFalse();
        Cidr v6 = Cidr.parse("2001:db8::/32");
        assertThat(v6.contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(InetAddress.getByName("2001:db9::1"))).isFalse();
        assertThat(v6.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(InetAddress.getByName("::2"))).isTrue();
        Cidr mapped = Cidr.parse("::ffff:10.0.0.0/104");
        assertThat(mapped).isEqualTo(v4);
        assertThat(Cidr.parse("127.0.0.1").toString()).isEqualTo("127.0.0.1/32");
    }

    @ParameterizedTest
    @CsvSource({"2001:DB8:0:0:0:0:0:0/32,2001:db8::/32", "::1,::1/128", "fe80::/10,fe80::/10",
            "1:0:0:2:0:0:0:3/128,1:0:0:2::3/128", "::ffff:1.2.3.4,1.2.3.4/32", "1::,1::/128",
            "::1.2.3.4/128,::102:304/128", "1:2:3:4:5:6:7:8,1:2:3:4:5:6:7:8/128"})
    void cidrsPrintInCanonicalForm(String text, String canonical) {
        assertThat(Cidr.parse(text).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.0.0", "256.0.0.0", "010.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1",
            "10.0.0.0/a", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1", "1:", "12345::", "g::", "fe80::1%eth0", "localhost",
            "::ffff:10.0.0.0/64", "10.0.0.1/8", " /8"})
    void badCidrsAreRefused(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenAddresses() {
        assertThat(ListenAddress.parse("127.0.0.1:8402")).isEqualTo(new ListenAddress("127.0.0.1", 8402));
        assertThat(ListenAddress.parse("[::1]:0")).isEqualTo(new ListenAddress("::1", 0));
        assertThat(ListenAddress.parse("LocalHost:80")).isEqualTo(new ListenAddress("localhost", 80));
        assertThat(ListenAddress.parse("[::1]:80").isLoopback()).isTrue();
        // a server socket cannot bind an unresolved address
        assertThat(ListenAddress.parse("127.0.0.1:0").toSocketAddress().isUnresolved()).isFalse();
        assertThat(ListenAddress.parse("localhost:0").toSocketAddress().isUnresolved()).isFalse();
        assertThat(ListenAddress.parse("127.1.2.3:80").isLoopback()).isTrue();
        assertThat(ListenAddress.parse("0.0.0.0:80").isLoopback()).isFalse();
        assertThat(ListenAddress.parse("[::]:80").toString()).isEqualTo("[::]:80");
        assertThat(ListenAddress.parse("gw.example.com:443").toSocketAddress().getHostString()).isEqualTo("gw.example.com");
        for (String bad : new String[] {"8402", ":8402", "[::1]8402", "[nope]:1", "1.2.3.4:", "1.2.3.4:x", "1.2.3.256:80",
                "-bad-.com:80", "a_b:80", "::1:80", "h:123456"}) {
            assertThatThrownBy(() -> ListenAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void suggestionsForTypos() {
        var keys = ConfigReader.SERVICE_KEYS;
        assertThat(ConfigReader.suggestion("pricesats", keys)).isEqualTo("price_sats");
        assertThat(ConfigReader.suggestion("priceSats", keys)).isEqualTo("price_sats");
        assertThat(ConfigReader.suggestion("token-lifetime", keys)).isEqualTo("token_lifetime");
        assertThat(ConfigReader.suggestion("upsteram", keys)).isEqualTo("upstream");
        assertThat(ConfigReader.suggestion("colour", keys)).isNull();
    }
}
