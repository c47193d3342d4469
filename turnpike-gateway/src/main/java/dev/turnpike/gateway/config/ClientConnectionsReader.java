package dev.turnpike.gateway.config;

import java.time.Duration;
import java.util.List;

/** Reads {@code client_connections:} into {@link ClientConnections}; every key has a default. */
final class ClientConnectionsReader {

    static final List<String> KEYS = List.of("header_timeout", "body_idle_timeout", "idle_timeout",
            "max_per_network");

    private ClientConnectionsReader() {}

    static ClientConnections read(Section top) {
        ClientConnections d = ClientConnections.DEFAULT;
        Section o = top.sub("client_connections", KEYS);
        Duration header = o.opt("header_timeout", d.headerTimeout(), "a duration (e.g. 10s)",
                Values.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)));
        Duration body = o.opt("body_idle_timeout", d.bodyIdleTimeout(), "a duration (e.g. 30s)",
                Values.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)));
        Duration idle = o.opt("idle_timeout", d.idleTimeout(), "a duration (e.g. 60s)",
                Values.duration(Duration.ofSeconds(1), Duration.ofHours(1)));
        Long max = o.opt("max_per_network", (long) d.maxPerNetwork(), "a whole number",
                Values.integer(1, 1_000_000));
        return o.failed() ? null : new ClientConnections(header, body, idle, max.intValue());
    }
}
