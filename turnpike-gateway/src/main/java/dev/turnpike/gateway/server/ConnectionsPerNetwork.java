package dev.turnpike.gateway.server;

import dev.turnpike.gateway.ratelimit.ClientPrefix;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A cap on the connections one client network (/24, /48 by default, as for challenges) holds open, so one party
 * cannot take every file descriptor. A connection over the cap is closed as it is accepted, before anything is
 * read, and counted ({@code turnpike_connections_refused_total}); trusted proxies are not counted, since every
 * client behind them shares their address.
 */
final class ConnectionsPerNetwork {

    private final int max;
    private final ClientPrefix prefix;
    private final Predicate<InetAddress> trustedProxy;
    private final Counter refused;
    private final ConcurrentHashMap<ClientPrefix.Network, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerNetwork(int max, ClientPrefix prefix, Predicate<InetAddress> trustedProxy, Counter refused) {
        this.max = max;
        this.prefix = prefix;
        this.trustedProxy = trustedProxy;
        this.refused = refused;
    }

    /** Counts {@code channel} against its network until it closes; false (and nothing counted) over the cap. */
    boolean admit(Channel channel) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress peer) || trustedProxy.test(peer.getAddress())) {
            return true;
        }
        ClientPrefix.Network network = prefix.of(peer.getAddress());
        if (open.merge(network, 1, Integer::sum) > max) {
            release(network);
            refused.increment();
            return false;
        }
        channel.closeFuture().addListener(f -> release(network));
        return true;
    }

    private void release(ClientPrefix.Network network) {
        open.computeIfPresent(network, (n, count) -> count == 1 ? null : count - 1);
    }
}
