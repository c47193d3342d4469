/**
 * The gateway's YAML configuration: {@link dev.turnpike.gateway.config.GatewayConfig#load(java.nio.file.Path)}
 * reads a file into an immutable, validated snapshot, including the compiled
 * {@link dev.turnpike.gateway.route.RouteTable}, or throws a {@link dev.turnpike.gateway.config.ConfigException}
 * that lists every problem with its line, column and key path. The reference is {@code docs/configuration.md}.
 *
 * <p>Inside, {@code ConfigReader} reads the document's top level and hands each section to its reader, kept next to
 * the record it produces ({@code TlsConfigReader} makes {@link dev.turnpike.gateway.config.TlsConfig}, and so on);
 * every reader goes through {@code Section}, the one place values are typed and problems recorded.
 */
package dev.turnpike.gateway.config;
