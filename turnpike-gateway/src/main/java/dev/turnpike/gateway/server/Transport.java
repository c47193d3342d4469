package dev.turnpike.gateway.server;

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
import java.util.function.Supplier;

/**
 * The socket layer under the event loops: Linux's native epoll where its library loads (fewer system calls and
 * copies per request than NIO), else the JDK's NIO. Chosen once, when the gateway starts.
 */
public record Transport(String name, Supplier<IoHandlerFactory> ioHandler, Class<? extends ServerChannel> serverChannel,
        Class<? extends SocketChannel> clientChannel) {

    public static final Transport NIO = new Transport("nio", NioIoHandler::newFactory, NioServerSocketChannel.class,
            NioSocketChannel.class);

    /** Native epoll; only usable when {@link Epoll#isAvailable()}. */
    public static final Transport EPOLL = new Transport("epoll", EpollIoHandler::newFactory,
            EpollServerSocketChannel.class, EpollSocketChannel.class);

    /** Epoll when its native library loads here, else NIO. */
    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }
}
