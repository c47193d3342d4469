package dev.turnpike.gateway.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code application/x-www-form-urlencoded} bodies (the WHATWG form), as RFC 7662's requests come. */
final class Forms {

    private Forms() {}

    /**
     * The first value of {@code name} in {@code body}.
     *
     * @throws IllegalArgumentException if a name or value is not valid percent-encoding
     */
    static Optional<String> field(byte[] body, String name) {
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
