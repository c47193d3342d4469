package dev.turnpike.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The curl-like options of the fetching commands ({@code fetch}, {@code app fetch}): the request and its output. */
final class HttpOptions {

    @Option(names = {"-X", "--request"}, paramLabel = "METHOD",
            description = "The method (default: GET, or POST with --data).")
    String method;

    @Option(names = {"-d", "--data"}, paramLabel = "BODY",
            description = "The request body; @FILE reads a file, @- standard input. Content-Type defaults to"
                    + " application/x-www-form-urlencoded, as in curl.")
    String data;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "A request header; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the body to FILE instead of stdout.")
    Path output;

    HttpRequest request(URI uri) throws IOException {
        byte[] body = body();
        String verb = method != null ? method.toUpperCase(Locale.ROOT) : body != null ? "POST" : "GET";
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .method(verb, body != null ? HttpRequest.BodyPublishers.ofByteArray(body)
                        : HttpRequest.BodyPublishers.noBody());
        boolean contentType = false;
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a header must be 'Name: value', not '" + header + "'");
            }
            String name = header.substring(0, colon).strip();
            String value = header.substring(colon + 1).strip();
            contentType |= name.equalsIgnoreCase("Content-Type");
            b.header(name, value);
        }
        if (body != null && !contentType) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return b.build();
    }

    /** Writes the body to {@code --output}, else to {@code stdout} (System.out if null). */
    void writeBody(HttpResponse<InputStream> response, OutputStream stdout) throws IOException {
        try (InputStream in = response.body()) {
            if (output != null) {
                try (OutputStream file = Files.newOutputStream(output)) {
                    in.transferTo(file);
                }
            } else {
                OutputStream sink = stdout != null ? stdout : System.out;
                in.transferTo(sink);
                sink.flush();
            }
        }
    }

    private byte[] body() throws IOException {
        if (data == null) {
            return null;
        }
        if (data.equals("@-")) {
            return System.in.readAllBytes();
        }
        if (data.startsWith("@")) {
            return Files.readAllBytes(Path.of(data.substring(1)));
        }
        return data.getBytes(StandardCharsets.UTF_8);
    }
}
