package dev.turnpike.gateway.hosting;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A small JSON API request, already read whole (bodies are bounded by the server).
 *
 * @param path    the path below the API's mount point, without the query, e.g. {@code /api/v1/wallet}
 * @param query   decoded query parameters (the first value of each)
 * @param headers header lookup by name, case-insensitive; null when absent
 * @param client  the client's address (the peer, or the one a trusted proxy forwarded for)
 * @param scheme  {@code http} or {@code https}, as the client reached the listener
 */
public record ApiRequest(String method, String path, Map<String, String> query, Function<String, String> headers,
        byte[] body, InetAddress client, String scheme) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }
}
