package dev.turnpike.gateway.bifrost;

import dev.turnpike.gateway.config.BifrostConfig;
import dev.turnpike.gateway.hosting.ApiRequest;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/** The bridge's own URL as clients reach it: {@code public_base_url}, else the request's scheme and Host; plus prefix. */
final class BridgeUrls {

    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?");

    private final BifrostConfig config;

    BridgeUrls(BifrostConfig config) {
        this.config = config;
    }

    /** The base URL for {@code r}, e.g. {@code https://auth.example.com/bifrost}. */
    String base(ApiRequest r) throws BifrostProblem {
        Optional<URI> configured = config.publicBaseUrl();
        if (configured.isPresent()) {
            return configured.get() + config.prefix();
        }
        String host = r.header("Host").orElse("");
        if (!HOST.matcher(host).matches()) {
            throw BifrostProblem.invalidRequest("the Host header is missing or not a host name");
        }
        return r.scheme() + "://" + host + config.prefix();
    }

    /** The base URL's path, for links relative to the page. */
    String basePath() {
        return config.publicBaseUrl().map(u -> u.getRawPath() == null ? "" : u.getRawPath()).orElse("")
                + config.prefix();
    }
}
