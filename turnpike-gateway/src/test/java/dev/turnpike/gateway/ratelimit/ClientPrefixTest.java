package dev.turnpike.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientPrefixTest {

    private static ClientPrefix.Network key(ClientPrefix p, String address) throws Exception {
        return p.of(InetAddress.getByName(address));
    }

    @Test
    void groupsIpv4By24AndIpv6By48ByDefault() throws Exception {
        ClientPrefix p = ClientPrefix.DEFAULT;
        assertThat(key(p, "10.1.2.3")).isEqualTo(key(p, "10.1.2.200"));
        assertThat(key(p, "10.1.2.3")).isNotEqualTo(key(p, "10.1.3.3"));
        assertThat(key(p, "2001:db8:1::1")).isEqualTo(key(p, "2001:db8:1:ffff::2"));
        assertThat(key(p, "2001:db8:1::1")).isNotEqualTo(key(p, "2001:db8:2::1"));
    }

    @Test
    void honoursConfiguredLengthsUpToFullAddresses() throws Exception {
        ClientPrefix wide = new ClientPrefix(16, 32);
        assertThat(key(wide, "10.1.2.3")).isEqualTo(key(wide, "10.1.250.9"));
        assertThat(key(wide, "2001:db8:1::1")).isEqualTo(key(wide, "2001:db8:ffff::1"));
        ClientPrefix exact = new ClientPrefix(32, 128);
        assertThat(key(exact, "10.1.2.3")).isNotEqualTo(key(exact, "10.1.2.4"));
        assertThat(key(exact, "2001:db8::1")).isNotEqualTo(key(exact, "2001:db8::2"));
        assertThat(key(new ClientPrefix(24, 72), "2001:db8::1:0:0:1")).isEqualTo(key(new ClientPrefix(24, 72), "2001:db8::1:0:0:2"));
    }

    @Test
    void anIpv4NetworkNeverSharesAKeyWithAnIpv6One() throws Exception {
        ClientPrefix p = new ClientPrefix(8, 128);
        assertThat(key(p, "255.0.0.0")).isNotEqualTo(key(p, "ffff:ffff:ffff:ffff::ff00:0"));
        assertThat(key(p, "0.0.0.0")).isNotEqualTo(key(p, "::"));
    }

    @Test
    void refusesImpossibleLengths() {
        assertThatThrownBy(() -> new ClientPrefix(0, 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientPrefix(24, 129)).isInstanceOf(IllegalArgumentException.class);
    }
}
