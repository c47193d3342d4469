package dev.turnpike.gateway.server;

import dev.turnpike.gateway.config.TransportChoice;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.function.Supplier;

/**
 * The socket layer under the event loops, chosen once when the gateway starts: Linux's io_uring where the kernel
 * allows it, else native epoll, else the JDK's NIO.
 *
 * <p>io_uring first because it submits the writes of a whole event-loop iteration in one system call: an
 * upstream on the same machine is then woken once per batch instead of once per request (measured, see
 * BENCHMARKS.md). Kernels or sandboxes that forbid io_uring (e.g. Docker's default seccomp profile) get epoll.
 */
public record Transport(String name, Supplier<IoHandlerFactory> ioHandler, Class<? extends ServerChannel> serverChannel,
        Class<? extends SocketChannel> clientChannel) {

    public static final Transport NIO = new Transport("nio", NioIoHandler::newFactory, NioServerSocketChannel.class,
            NioSocketChannel.class);

    /** Native epoll; only usable when {@link Epoll#isAvailable()}. */
    public static final Transport EPOLL = new Transport("epoll", EpollIoHandler::newFactory,
            EpollServerSocketChannel.class, EpollSocketChannel.class);

    /** Native io_uring; only usable when {@link IoUring#isAvailable()}. */
    public static final Transport IO_URING = new Transport("io_uring", IoUringIoHandler::newFactory,
            IoUringServerSocketChannel.class, IoUringSocketChannel.class);

    /** io_uring when its native library loads and the kernel allows it, else epoll when that loads, else NIO. */
    public static Transport best() {
        if (IoUring.isAvailable()) {
            return IO_URING;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /**
     * The transport a configuration chose: {@code auto} is {@link #best()}.
     *
     * @throws IllegalStateException when the chosen native transport cannot be used here, with the reason
     */
    public static Transport of(TransportChoice choice) {
        return switch (choice) {
            case AUTO -> best();
            case NIO -> NIO;
            case EPOLL -> usable(EPOLL, Epoll.unavailabilityCause());
            case IO_URING -> usable(IO_URING, IoUring.unavailabilityCause());
        };
    }

    /**
     * The transport named as in the configuration ({@link TransportChoice#NAMES}), e.g. from a system property.
     *
     * @throws IllegalArgumentException for another name
     * @throws IllegalStateException    when the named native transport cannot be used here, with the reason
     */
    public static Transport named(String name) {
        return of(TransportChoice.named(name).orElseThrow(() -> new IllegalArgumentException(
                "transport must be one of " + TransportChoice.NAMES + ", was " + name)));
    }

    private static Transport usable(Transport transport, Throwable unavailable) {
        if (unavailable != null) {
            throw new IllegalStateException("the " + transport.name() + " transport cannot be used here ("
                    + unavailable.getMessage() + "); use transport: auto", unavailable);
        }
        return transport;
    }
}
