package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.io.SecretFiles;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The gateway's admin API over HTTP, for the admin commands: each answer as JSON, each failure as one line that says
 * what to do (the gateway not running, the secret refused, no such token). The secret goes only into the
 * Authorization header.
 */
final class AdminClient implements AutoCloseable {

    /** Exit code when the API answers 404: no such token. */
    static final int NOT_FOUND = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final Path secretFile;
    private final HttpClient http;

    AdminClient(URI base, Path secretFile, SSLContext tls) {
        this.base = base;
        this.secretFile = secretFile;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    URI base() {
        return base;
    }

    JsonNode get(String path) throws IOException, InterruptedException, CommandFailure {
        return send(path, "GET", null, false);
    }

    JsonNode post(String path) throws IOException, InterruptedException, CommandFailure {
        return send(path, "POST", null, false);
    }

    /** A POST with this JSON body. */
    JsonNode post(String path, JsonNode body) throws IOException, InterruptedException, CommandFailure {
        return send(path, "POST", body, false);
    }

    /** {@code /healthz}, which needs no secret. */
    JsonNode health() throws IOException, InterruptedException, CommandFailure {
        return send("/healthz", "GET", null, true);
    }

    private JsonNode send(String path, String method, JsonNode body, boolean open)
            throws IOException, InterruptedException, CommandFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json").method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (!open) {
            request.header("Authorization", "Bearer " + secret());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CommandFailure(Failures.FAILED, "no gateway answers at " + base + " (" + why(e)
                    + "); is it running? (turnpike serve; or name its admin API with --config or --admin-url)");
        }
        return answer(response);
    }

    private JsonNode answer(HttpResponse<String> response) throws IOException, CommandFailure {
        int status = response.statusCode();
        if (status == 401) {
            throw new CommandFailure(Failures.FAILED, "the admin secret in " + secretFile + " was refused by " + base
                    + " (another gateway's data folder? name the right one with --config or --secret-file)");
        }
        JsonNode body = parse(response.body());
        if (status / 100 == 2 && body != null) {
            return body;
        }
        String detail = body != null && body.hasNonNull("detail") ? body.get("detail").asText() : "";
        if (status == 404) {
            throw new CommandFailure(NOT_FOUND, detail.isEmpty() ? "not found: " + response.uri() : detail);
        }
        throw new CommandFailure(Failures.FAILED, "the admin API answered HTTP " + status
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    private String secret() throws IOException, CommandFailure {
        try {
            return SecretFiles.read(secretFile, "the admin secret");
        } catch (NoSuchFileException e) {
            throw new CommandFailure(Failures.FAILED, "no admin secret at " + secretFile + " (serve writes it in its"
                    + " data folder at the first start; name the configuration with --config or the file with"
                    + " --secret-file)");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isEmpty() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String why(IOException e) {
        return e instanceof HttpConnectTimeoutException ? "connection timed out" : "connection refused";
    }

    @Override
    public void close() {
        http.close();
    }
}
