package dev.turnpike.gateway.config;

import java.util.Objects;

/**
 * The admin API and {@code /metrics}, on their own listener ({@code 127.0.0.1:8403} by default).
 *
 * @param tls whether the listener speaks TLS with the main listener's certificate (required beyond loopback);
 *            plain, it only answers requests whose {@code Host} is a loopback name or address
 */
public record AdminConfig(boolean enabled, ListenAddress listen, boolean tls) {
    public AdminConfig {
        Objects.requireNonNull(listen, "listen");
    }

    /** A plain-HTTP admin listener. */
    public AdminConfig(boolean enabled, ListenAddress listen) {
        this(enabled, listen, false);
    }
}
