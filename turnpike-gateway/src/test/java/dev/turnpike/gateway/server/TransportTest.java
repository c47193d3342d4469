package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TransportTest {

    private static boolean linuxX8664() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @Test
    void theNativeTransportsLoadOnLinuxX8664() {
        assumeTrue(linuxX8664(), "the native transports ship for linux-x86_64");
        assertThat(Epoll.unavailabilityCause()).isNull();
        assertThat(Transport.named("epoll")).isEqualTo(Transport.EPOLL);
        // io_uring may be forbidden by the kernel or a sandbox; then auto falls back to epoll
        assertThat(Transport.best()).isEqualTo(IoUring.isAvailable() ? Transport.IO_URING : Transport.EPOLL);
        assertThat(Transport.named("auto")).isEqualTo(Transport.best());
    }

    @Test
    void namesAreChecked() {
        assertThat(Transport.named("nio")).isEqualTo(Transport.NIO);
        assertThatThrownBy(() -> Transport.named("kqueue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transport must be one of [auto, io_uring, epoll, nio], was kqueue");
    }
}
