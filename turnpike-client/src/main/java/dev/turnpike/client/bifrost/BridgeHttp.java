package dev.turnpike.client.bifrost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.turnpike.bifrost.session.SessionState;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * HTTP to a Bifrost bridge, shared by the application and the wallet: JSON in and out, answers read up to
 * {@value #MAX_BODY_BYTES} bytes and parsed with bounded depth, refusals (problem+json with Bifrost's {@code error}
 * code) turned into the client's exceptions.
 *
 * <p>Timeouts: connecting as the {@link HttpClient} is configured; a call {@code requestTimeout} until the answer's
 * headers, plus the time a long-poll asks the bridge to hold it. Failures: {@link BifrostUnavailableException} when
 * the bridge cannot be reached, times out, fails (5xx) or sends too much; {@link BridgeProtocolException} when a
 * success is not a JSON object. Thread-safe.
 */
final class BridgeHttp implements AutoCloseable {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String EVENT_STREAM = "text/event-stream";
    private static final int MAX_DETAIL_LENGTH = 300;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxDocumentLength(MAX_BODY_BYTES)
                            .build())
                    .build())
            .build();

    private final HttpClient http;
    private final boolean ownsHttp;
    private final Duration requestTimeout;

    /** @param http the client to use, or null for a new one (HTTP/1.1, 10 s connect timeout) closed with this */
    BridgeHttp(HttpClient http, Duration requestTimeout) {
        this.ownsHttp = http == null;
        this.http = ownsHttp ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build() : http;
        this.requestTimeout = requestTimeout;
    }

    /** Closes the HTTP client if this made it. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    /** An answer read in full: its status, media type and body. */
    record Answer(int status, String contentType, byte[] body, OptionalLong retryAfter) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** The body as a JSON object. */
        JsonNode json() throws BridgeProtocolException {
            return parseObject(body).orElseThrow(() -> new BridgeProtocolException("the bridge answered HTTP " + status
                    + " with " + (contentType.isEmpty() ? "a body" : UntrustedText.printable(contentType, 60))
                    + " that is not a JSON object: is this a Bifrost bridge?"));
        }
    }

    /** The data of an event, as a JSON object. */
    static JsonNode parseJson(String text) throws BridgeProtocolException {
        return parseObject(text.getBytes(StandardCharsets.UTF_8)).orElseThrow(() -> new BridgeProtocolException(
                "the bridge sent an event whose data is not a JSON object"));
    }

    private static Optional<JsonNode> parseObject(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    static HttpRequest.Builder jsonRequest(URI uri) {
        return HttpRequest.newBuilder(uri).header("Accept", "application/json");
    }

    static HttpRequest.BodyPublisher jsonBody(JsonNode body) {
        return HttpRequest.BodyPublishers.ofString(body.toString());
    }

    /** Sends {@code request}, allowing {@code hold} beyond the request timeout (a long-poll's wait). */
    Answer send(HttpRequest.Builder request, Duration hold) throws BifrostUnavailableException {
        HttpRequest r = request.timeout(requestTimeout.plus(hold)).build();
        HttpResponse<InputStream> response = open(r);
        return read(r, response);
    }

    Answer send(HttpRequest.Builder request) throws BifrostUnavailableException {
        return send(request, Duration.ZERO);
    }

    /** Sends {@code request} and returns its successful answer; any other answer is thrown as its {@link #refusal}. */
    Answer call(HttpRequest.Builder request) throws BifrostException {
        Answer a = send(request);
        if (!a.isSuccess()) {
            throw refusal(a);
        }
        return a;
    }

    /** Opens {@code request} and returns the response with its body unread (an event stream). */
    HttpResponse<InputStream> stream(HttpRequest.Builder request) throws BifrostUnavailableException {
        return open(request.timeout(requestTimeout).build());
    }

    /** Reads the rest of an answer whose body was not read yet. */
    Answer read(HttpRequest request, HttpResponse<InputStream> response) throws BifrostUnavailableException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new BifrostUnavailableException("the bridge's answer to " + describe(request) + " broke off: "
                    + reason(e), e);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BifrostUnavailableException("the bridge answered " + describe(request) + " with more than "
                    + MAX_BODY_BYTES + " bytes", null);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        OptionalLong retryAfter = response.headers().firstValue("Retry-After")
                .filter(v -> v.matches("[0-9]{1,6}")).map(v -> OptionalLong.of(Long.parseLong(v)))
                .orElse(OptionalLong.empty());
        return new Answer(response.statusCode(), type, body, retryAfter);
    }

    private HttpResponse<InputStream> open(HttpRequest request) throws BifrostUnavailableException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new BifrostUnavailableException("cannot reach the bridge at " + request.uri().getScheme() + "://"
                    + request.uri().getRawAuthority() + ": " + reason(e), e);
        } catch (HttpTimeoutException e) {
            throw new BifrostUnavailableException("the bridge did not answer " + describe(request) + " within "
                    + request.timeout().orElse(requestTimeout).toSeconds() + " s", e);
        } catch (IOException e) {
            throw new BifrostUnavailableException("the bridge failed during " + describe(request) + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BifrostUnavailableException("interrupted while waiting for the bridge", e);
        }
    }

    /**
     * The exception for an answer that is not a success: the ends of a session ({@code access_denied}, {@code
     * expired_token}, {@code session_cancelled}, {@code token_already_retrieved}) as {@link SessionEndedException}s,
     * 5xx as {@link BifrostUnavailableException}, any other refusal as {@link BifrostRefusedException}.
     */
    static BifrostException refusal(Answer a) {
        Problem p = Problem.of(a);
        if (a.status() >= 500) {
            return new BifrostUnavailableException("the bridge failed (HTTP " + a.status() + " " + p.error() + "): "
                    + p.detail(), null);
        }
        return switch (p.error()) {
            case "access_denied" -> SessionEndedException.of(SessionState.DENIED);
            case "expired_token" -> new SessionExpiredException(p.detail());
            case "session_cancelled" -> SessionEndedException.of(SessionState.CANCELLED);
            case "token_already_retrieved" -> SessionEndedException.of(SessionState.CONSUMED);
            default -> new BifrostRefusedException(a.status(), p.error(), p.detail(), p.retryAfter());
        };
    }

    /**
     * A refusal's code, detail and hints; {@code error} is {@code http_<status>} when the body has none (not a
     * problem document), and the detail is then the start of the body.
     */
    record Problem(String error, String detail, Optional<Duration> interval, OptionalLong retryAfter) {
        static Problem of(Answer a) {
            JsonNode json;
            try {
                json = a.json();
            } catch (BridgeProtocolException notJson) {
                String text = new String(a.body(), StandardCharsets.UTF_8).strip();
                return new Problem("http_" + a.status(), text.isEmpty() ? "(no body)" : printable(text),
                        Optional.empty(), a.retryAfter());
            }
            String error = json.path("error").isTextual() ? json.get("error").asText() : "http_" + a.status();
            String detail = firstText(json, "detail", "message", "title");
            return new Problem(printable(error), printable(detail), positiveSeconds(json.path("interval")),
                    a.retryAfter().isPresent() ? a.retryAfter() : seconds(json.path("retry_after")));
        }

        private static String firstText(JsonNode json, String... names) {
            for (String name : names) {
                if (json.path(name).isTextual()) {
                    return json.get(name).asText();
                }
            }
            return "(no detail)";
        }

        private static OptionalLong seconds(JsonNode node) {
            return node.canConvertToLong() && node.asLong() >= 0 ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
        }

        private static String printable(String text) {
            return UntrustedText.printable(text, MAX_DETAIL_LENGTH);
        }
    }

    /** A JSON number of seconds, if it is one above zero. */
    static Optional<Duration> positiveSeconds(JsonNode node) {
        return node.canConvertToLong() && node.asLong() > 0 ? Optional.of(Duration.ofSeconds(node.asLong()))
                : Optional.empty();
    }

    static boolean isEventStream(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith(EVENT_STREAM);
    }

    private static String describe(HttpRequest r) {
        return r.method() + " " + r.uri().getRawPath().replaceAll("/api/auth/[^/]+", "/api/auth/{id}");
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
