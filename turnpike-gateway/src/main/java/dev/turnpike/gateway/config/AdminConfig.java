package dev.turnpike.gateway.config;

import java.util.Objects;

/** The admin API and {@code /metrics}, on their own listener ({@code 127.0.0.1:8403} by default). */
public record AdminConfig(boolean enabled, ListenAddress listen) {
    public AdminConfig {
        Objects.requireNonNull(listen, "listen");
    }
}
