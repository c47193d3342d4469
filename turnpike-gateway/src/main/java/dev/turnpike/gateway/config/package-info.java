/**
 * The gateway's YAML configuration: {@link dev.turnpike.gateway.config.GatewayConfig#load(java.nio.file.Path)}
 * reads a file into an immutable, validated snapshot, including the compiled
 * {@link dev.turnpike.gateway.route.RouteTable}, or throws a {@link dev.turnpike.gateway.config.ConfigException}
 * that lists every problem with its line, column and key path. The reference is {@code docs/configuration.md}.
 */
package dev.turnpike.gateway.config;
