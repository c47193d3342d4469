package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TransportTest {

    @Test
    void theNativeEpollTransportLoadsOnLinuxX8664() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")), "epoll ships for linux-x86_64");
        assertThat(Epoll.unavailabilityCause()).isNull();
        assertThat(Transport.best()).isEqualTo(Transport.EPOLL);
    }
}
