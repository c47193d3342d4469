package dev.turnpike.gateway.server;

import dev.turnpike.gateway.config.ListenAddress;
import dev.turnpike.gateway.hosting.ApiAnswer;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.JsonApi;

/**
 * A JSON API served only to requests whose {@code Host} is a loopback name or address: {@code localhost},
 * {@code 127.0.0.0/8} or {@code [::1]}, with any port. This is how the plain-HTTP admin listener stops DNS
 * rebinding: a web page whose own name the attacker makes resolve to 127.0.0.1 would otherwise read
 * {@code /metrics} and {@code /healthz} through the victim's browser, and such a request carries the attacker's
 * name as its {@code Host}. Any other {@code Host}, or none, is answered 421 Misdirected Request (problem+json):
 * the request reached a listener that does not serve that name.
 */
final class LoopbackHostOnly implements JsonApi {

    private final JsonApi api;

    LoopbackHostOnly(JsonApi api) {
        this.api = api;
    }

    @Override
    public String prefix() {
        return api.prefix();
    }

    @Override
    public boolean claims(String path) {
        return api.claims(path);
    }

    @Override
    public int maxHeldRequests() {
        return api.maxHeldRequests();
    }

    @Override
    public ApiAnswer handle(ApiRequest request) throws Exception {
        if (!request.header("Host").map(LoopbackHostOnly::isLoopback).orElse(false)) {
            return ApiResponse.problem(421, "Misdirected Request", "this listener only answers requests for"
                    + " localhost, 127.0.0.1 or [::1]: use one of them as the host");
        }
        return api.handle(request);
    }

    /** Whether a {@code Host} value ({@code host[:port]}, IPv6 in brackets) names the loopback interface. */
    static boolean isLoopback(String hostHeader) {
        String host;
        if (hostHeader.startsWith("[")) {
            int close = hostHeader.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = hostHeader.substring(1, close);
        } else {
            int colon = hostHeader.indexOf(':');
            host = colon < 0 ? hostHeader : hostHeader.substring(0, colon);
        }
        return !host.isEmpty() && ListenAddress.isLoopback(host);
    }
}
