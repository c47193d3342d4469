package dev.turnpike.gateway.hosting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a JSON API answers at once: a status, a content type and a whole body. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers)
        implements ApiAnswer {

    /** The mapper the bodies are written with; the APIs read their request bodies with it too. Thread-safe. */
    public static final ObjectMapper JSON = new ObjectMapper();

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, "application/json", bytes(value), Map.of());
    }

    public static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** An RFC 9457 problem: {@code application/problem+json} with type, title, status and detail. */
    public static ApiResponse problem(int status, String title, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        return new ApiResponse(status, "application/problem+json", bytes(p), Map.of());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, body, Map.copyOf(h));
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
