package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.config.Cidr;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} is believed. The client of a request from a trusted peer is the
 * rightmost address in X-Forwarded-For that is not itself a trusted proxy; from any other peer, the peer.
 */
public final class TrustedProxies {

    private static final String X_FORWARDED_FOR = "x-forwarded-for";
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Cidr> blocks;

    private TrustedProxies(List<Cidr> blocks) {
        this.blocks = blocks;
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /** The proxies in these address blocks (e.g. the configuration's {@code trusted_proxies}). */
    public static TrustedProxies of(List<Cidr> blocks) {
        return new TrustedProxies(List.copyOf(blocks));
    }

    boolean isTrusted(InetAddress address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The client of a request that came from {@code peer}, trusted or not ({@code peerTrusted}). */
    InetAddress clientOf(InetAddress peer, boolean peerTrusted, HttpHeaders headers) {
        if (!peerTrusted) {
            return peer;
        }
        List<String> values = headers.getAll(X_FORWARDED_FOR);
        InetAddress client = peer;
        for (int v = values.size() - 1; v >= 0; v--) {
            String[] hops = values.get(v).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                InetAddress hop = NetUtil.createInetAddressFromIpAddressString(hops[i].trim());
                if (hop == null) {
                    return client;
                }
                client = hop;
                if (!isTrusted(hop)) {
                    return hop;
                }
            }
        }
        return client;
    }
}
