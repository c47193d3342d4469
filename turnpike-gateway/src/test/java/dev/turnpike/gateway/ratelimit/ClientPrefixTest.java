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
    void aNetworkKeyRoundTripsForRandomAddressesAndPrefixes() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] address = new byte[random.nextBoolean() ? 4 : 16];
            random.nextBytes(address);
            ClientPrefix prefix = new ClientPrefix(1 + random.nextInt(32), 1 + random.nextInt(128));
            ClientPrefix.Network network = prefix.of(java.net.InetAddress.getByAddress(address));
            assertThat(ClientPrefix.Network.ofKey(network.key())).isEqualTo(network);
        }
        assertThat(ClientPrefix.DEFAULT.of(java.net.InetAddress.getByName("10.0.1.77")).key()).isEqualTo("ipv4:0a000100");
        assertThatThrownBy(() -> ClientPrefix.Network.ofKey("ipv4:xyz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesImpossibleLengths() {
        assertThatThrownBy(() -> new ClientPrefix(0, 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientPrefix(24, 129)).isInstanceOf(IllegalArgumentException.class);
    }
}
