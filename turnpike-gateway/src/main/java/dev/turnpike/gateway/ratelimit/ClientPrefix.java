package dev.turnpike.gateway.ratelimit;

import java.net.InetAddress;

/** The network a client address belongs to, as a map key: its /24 for IPv4, its /48 for IPv6. */
public final class ClientPrefix {

    private static final long IPV4_TAG = 1L << 62;

    private ClientPrefix() {}

    public static long of(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return IPV4_TAG | ((b[0] & 0xffL) << 16) | ((b[1] & 0xffL) << 8) | (b[2] & 0xffL);
        }
        long key = 0;
        for (int i = 0; i < 6; i++) {
            key = (key << 8) | (b[i] & 0xffL);
        }
        return key;
    }
}
