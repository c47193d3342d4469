package dev.turnpike.gateway.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address range, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a single-address
 * range ({@code /32}, {@code /128}). Parsing never touches DNS. An IPv4-mapped IPv6 range
 * ({@code ::ffff:10.0.0.0/104}) is read as the IPv4 range it denotes, and {@link #contains} treats IPv4-mapped
 * IPv6 addresses as the IPv4 addresses they carry.
 *
 * @param network      the first address of the range (host bits zero)
 * @param prefixLength the number of leading bits that must match, 0..32 or 0..128
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ": " + prefixLength);
        }
        if (!Arrays.equals(mask(network.getAddress(), prefixLength), network.getAddress())) {
            throw new IllegalArgumentException("host bits set in " + network.getHostAddress() + "/" + prefixLength);
        }
    }

    /**
     * Parses {@code address/prefix} or a bare address.
     *
     * @throws IllegalArgumentException naming what is wrong (and, when host bits are set, the range meant)
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = IpLiteral.parse(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + addr + "'");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not a prefix length: '" + p + "' (0.." + max + ")");
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                throw new IllegalArgumentException("prefix length /" + prefix + " is longer than " + max + " bits");
            }
        }
        if (bytes.length == 16 && IpLiteral.isV4Mapped(bytes)) {
            if (prefix < 96) {
                throw new IllegalArgumentException("an IPv4-mapped range needs a prefix of at least /96: '" + text + "'");
            }
            bytes = Arrays.copyOfRange(bytes, 12, 16);
            prefix -= 96;
        }
        byte[] masked = mask(bytes, prefix);
        if (!Arrays.equals(masked, bytes)) {
            throw new IllegalArgumentException("'" + text + "' has bits set after the prefix; did you mean "
                    + IpLiteral.format(masked) + "/" + prefix + "?");
        }
        return new Cidr(address(masked), prefix);
    }

    /** Whether {@code address} lies in this range. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length == 16 && n.length == 4 && IpLiteral.isV4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != n.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (a[full] & m) == (n[full] & m);
    }

    /** Whether this is an IPv4 range. */
    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    /** {@code 10.0.0.0/8}, {@code fd00::/8} (RFC 5952 form). */
    @Override
    public String toString() {
        return IpLiteral.format(network.getAddress()) + "/" + prefixLength;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & ((0xff << (8 - keep)) & 0xff));
        }
        return out;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes); // no lookup for a byte array
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a wrong length, excluded above
        }
    }
}
