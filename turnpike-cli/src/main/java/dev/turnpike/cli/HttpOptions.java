package dev.turnpike.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
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
import picocli.CommandLine.Parameters;

/**
 * What the fetching commands ({@code fetch}, {@code app fetch}) share, as in curl: the URL, the request options, the
 * output and {@code -v}, and the exit code of the answer.
 */
final class HttpOptions {

    /** curl's exit code for an HTTP error with --fail. */
    static final int HTTP_ERROR = 22;

    @Parameters(paramLabel = "URL", description = "An http or https URL.")
    String url;

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

    @Option(names = {"-v", "--verbose"}, description = "Print the steps to stderr: the request, each step described"
            + " above, the status. Never a token's secret part, a preimage or a key.")
    boolean verbose;

    /** Where the body goes when there is no --output; System.out unless a test sets it. */
    OutputStream stdout;

    URI uri() {
        return Wallet.url(url);
    }

    /** The request, told on {@code err} with -v. */
    HttpRequest request(PrintWriter err) throws IOException {
        HttpRequest request = request(uri());
        if (verbose) {
            err.println("* " + request.method() + " " + request.uri());
        }
        return request;
    }

    /** Tells a step on {@code err} with -v. */
    void step(PrintWriter err, String line) {
        if (verbose) {
            err.println("* " + line);
            err.flush();
        }
    }

    /** The body written out, the status told with -v; the exit code: 0, or {@link #HTTP_ERROR} from 400 on. */
    int finish(HttpResponse<InputStream> response, PrintWriter out, PrintWriter err) throws IOException {
        out.flush();
        writeBody(response);
        step(err, "HTTP " + response.statusCode());
        return response.statusCode() >= 400 ? HTTP_ERROR : 0;
    }

    private HttpRequest request(URI uri) throws IOException {
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
    private void writeBody(HttpResponse<InputStream> response) throws IOException {
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
