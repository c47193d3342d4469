package dev.turnpike.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a server refused a token, as an RFC 9457 problem's {@code reason} member says it ({@code revoked},
 * {@code expired}…, Turnpike's words): read from a response that is about to be discarded, at most
 * {@link #MAX_BYTES}, for a body the client can read (a stream, a string, bytes).
 */
final class ProblemReason {

    static final int MAX_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemReason() {}

    static Optional<String> of(HttpResponse<?> response) {
        boolean problem = response.headers().firstValue("Content-Type")
                .map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/problem+json")).orElse(false);
        if (!problem) {
            return Optional.empty();
        }
        try {
            byte[] body = switch (response.body()) {
                case InputStream in -> in.readNBytes(MAX_BYTES);
                case String s -> s.getBytes(StandardCharsets.UTF_8);
                case byte[] b -> b;
                case null, default -> new byte[0];
            };
            JsonNode reason = body.length == 0 || body.length >= MAX_BYTES ? null : JSON.readTree(body).get("reason");
            return reason != null && reason.isTextual() ? Optional.of(reason.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a body that cannot be read or parsed tells no reason
        }
    }
}
