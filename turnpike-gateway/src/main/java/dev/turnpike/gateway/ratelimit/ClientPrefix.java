package dev.turnpike.gateway.ratelimit;

import java.net.InetAddress;

/**
 * The network a client address belongs to, as a map key for rate limits and freebies: its first
 * {@code ipv4Bits} for IPv4 (default /24) or {@code ipv6Bits} for IPv6 (default /48), since one
 * party usually holds a whole such network. Used off the paid path only.
 */
public record ClientPrefix(int ipv4Bits, int ipv6Bits) {

    public static final ClientPrefix DEFAULT = new ClientPrefix(24, 48);

    /** A masked network; the family is part of the key, so IPv4 and IPv6 networks never share one. */
    public record Network(boolean ipv4, long hi, long lo) {

        /** A stable text form for storage: {@code ipv4:0a000100}, {@code ipv6:<32 hex digits>}. */
        public String key() {
            return ipv4 ? "ipv4:" + String.format("%08x", lo) : "ipv6:" + String.format("%016x%016x", hi, lo);
        }

        /** The network of a {@link #key()}. @throws IllegalArgumentException if it is not one */
        public static Network ofKey(String key) {
            if (key.length() == 13 && key.startsWith("ipv4:")) {
                return new Network(true, 0, Long.parseUnsignedLong(key.substring(5), 16));
            }
            if (key.length() == 37 && key.startsWith("ipv6:")) {
                return new Network(false, Long.parseUnsignedLong(key.substring(5, 21), 16),
                        Long.parseUnsignedLong(key.substring(21), 16));
            }
            throw new IllegalArgumentException("not a network key: " + key);
        }
    }

    public ClientPrefix {
        if (ipv4Bits < 1 || ipv4Bits > 32) {
            throw new IllegalArgumentException("IPv4 prefix must be 1..32: " + ipv4Bits);
        }
        if (ipv6Bits < 1 || ipv6Bits > 128) {
            throw new IllegalArgumentException("IPv6 prefix must be 1..128: " + ipv6Bits);
        }
    }

    public Network of(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
            return new Network(true, 0, v & (0xffffffffL << (32 - ipv4Bits)) & 0xffffffffL);
        }
        return new Network(false, word(b, 0) & mask(ipv6Bits), word(b, 8) & mask(ipv6Bits - 64));
    }

    private static long word(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (b[i] & 0xffL);
        }
        return v;
    }

    /** The first {@code bits} bits of a 64-bit word set (none for ≤ 0, all for ≥ 64). */
    private static long mask(int bits) {
        return bits <= 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
    }
}
