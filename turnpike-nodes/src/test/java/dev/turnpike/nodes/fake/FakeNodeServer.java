package dev.turnpike.nodes.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the fake nodes share: an HTTPS server on 127.0.0.1 with a self-signed certificate (its PEM in
 * {@link #certificateFile()}), an {@link FakeInvoiceBook}, and the switches tests use to break things: go offline
 * (connection refused) and back on the same port, refuse the credential, answer malformed JSON, tamper with invoices.
 */
public abstract class FakeNodeServer implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    protected final FakeInvoiceBook book;
    private final TestCertificate certificate;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-node");
        t.setDaemon(true);
        return t;
    });
    private HttpsServer server;
    private int port;
    protected volatile boolean failAuth;
    protected volatile boolean malformedJson;
    protected volatile Tamper tamper = Tamper.NONE;

    protected FakeNodeServer(Path directory, Network network) throws IOException {
        this.book = new FakeInvoiceBook(network);
        this.certificate = TestCertificate.create(directory.resolve("tls.cert"));
    }

    /** Starts listening (on a free port the first time, on the same port after {@link #goOffline()}). */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (IOException | RuntimeException e) {
                // the client went away, or the test broke the exchange on purpose
            }
        });
        server.setExecutor(executor);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops listening and drops every connection: calls meet "connection refused" until {@link #goOnline()}. */
    public synchronized void goOffline() {
        beforeOffline();
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public void goOnline() throws IOException {
        start();
    }

    /** Streams are cut before the server stops. */
    protected void beforeOffline() {}

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public URI url() {
        return URI.create("https://" + address());
    }

    /** The server's certificate, PEM: the file to trust. */
    public Path certificateFile() {
        return certificate.pemFile();
    }

    public FakeInvoiceBook invoices() {
        return book;
    }

    /** Settles an invoice this fake made, as if it was paid. */
    public boolean settle(PaymentHash hash) {
        return book.settle(hash);
    }

    /** While on, every call is refused as the real node refuses a wrong credential. */
    public void failAuth(boolean on) {
        failAuth = on;
    }

    /** While on, successful answers have a cut-off JSON body. */
    public void malformedJson(boolean on) {
        malformedJson = on;
    }

    /** How invoices made from now on lie. */
    public void tamper(Tamper tamper) {
        this.tamper = tamper;
    }

    protected abstract void handle(HttpExchange exchange) throws IOException;

    // ------------------------------------------------------------------ helpers for the fakes

    protected static JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(1 << 20);
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        return JSON.readTree(body);
    }

    protected void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        String text = malformedJson && status < 300 ? body.toString().substring(0, body.toString().length() / 2)
                : body.toString();
        sendRaw(exchange, status, text);
    }

    protected static void sendRaw(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Starts a chunked, newline-delimited JSON answer. */
    protected static OutputStream startStream(HttpExchange exchange, int status) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, 0);
        return exchange.getResponseBody();
    }

    protected static void writeLine(OutputStream out, JsonNode line) throws IOException {
        out.write((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        goOffline();
        executor.shutdownNow();
    }

    protected static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
