package dev.turnpike.gateway.bifrost;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Who made a call, for rate limits and the audit log.
 *
 * @param address   the client's address (the peer, or the one a trusted proxy forwarded for)
 * @param userAgent the {@code User-Agent} header cut to {@value #MAX_USER_AGENT} characters, or "" if none
 */
public record ClientInfo(InetAddress address, String userAgent) {
    static final int MAX_USER_AGENT = 200;

    public ClientInfo {
        Objects.requireNonNull(address, "address");
        userAgent = userAgent == null ? "" : userAgent.length() > MAX_USER_AGENT
                ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
    }

    public String ip() {
        return address.getHostAddress();
    }
}
