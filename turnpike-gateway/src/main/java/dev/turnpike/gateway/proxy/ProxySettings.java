package dev.turnpike.gateway.proxy;

import io.netty.channel.socket.SocketChannel;
import java.time.Duration;

/**
 * How the proxy talks to upstreams: connect timeout, the longest wait for a response head, and the
 * socket channel class matching the event loops' transport.
 */
public record ProxySettings(Duration connectTimeout, Duration responseTimeout,
        Class<? extends SocketChannel> channelClass) {}
