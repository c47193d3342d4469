package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.RouteTable;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A port in use stops the start with the listener and its address named, on every transport that runs here. */
class ListenerBindTest {

    static Stream<Transport> transports() {
        return Stream.of(Transport.NIO, Epoll.isAvailable() ? Transport.EPOLL : null,
                IoUring.isAvailable() ? Transport.IO_URING : null).filter(Objects::nonNull);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aPortInUseNamesTheListenerAndTheAddress(Transport transport) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Gateway gateway = Gateway.builder(Pipeline.builder().routes(new RouteTable(List.of())))
                    .listen(new InetSocketAddress("127.0.0.1", port))
                    .transport(transport)
                    .build();
            assertThatThrownBy(gateway::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("proxy listener 127.0.0.1:" + port + ": address in use");
        }
    }
}
