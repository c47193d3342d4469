package dev.turnpike.gateway.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real HTTP/1.1 upstream (the JDK's server). It records each request's headers and answers:
 * {@code /…/upload} reads and counts the body, {@code /…/sse} streams events slowly, {@code /…/big}
 * sends {@code ?n} bytes, {@code /…/graphql} echoes method, path and body, anything else echoes method and path.
 */
final class TestUpstream implements AutoCloseable {

    record Seen(String method, String uri, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null ? null : String.join(",", v);
        }
    }

    final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    final CountDownLatch firstUploadBytes = new CountDownLatch(1);
    /** How each upload's body ended: {@code complete N} or {@code broken after N} bytes. */
    final BlockingQueue<String> uploads = new LinkedBlockingQueue<>();
    final CountDownLatch sseMayFinish = new CountDownLatch(1);
    private final HttpServer server;

    TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), headers));
        String path = ex.getRequestURI().getPath();
        try (ex) {
            if (path.endsWith("/upload")) {
                upload(ex);
            } else if (path.endsWith("/sse")) {
                sse(ex);
            } else if (path.endsWith("/graphql")) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                send(ex, 200, ex.getRequestMethod() + " " + ex.getRequestURI() + "\n" + body);
            } else if (path.endsWith("/big")) {
                big(ex, Long.parseLong(ex.getRequestURI().getQuery().substring(2)));
            } else {
                ex.getRequestBody().readAllBytes();
                send(ex, 200, ex.getRequestMethod() + " " + ex.getRequestURI());
            }
        }
    }

    private void upload(HttpExchange ex) throws IOException {
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        InputStream in = ex.getRequestBody();
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                firstUploadBytes.countDown();
            }
        } catch (IOException e) {
            uploads.add("broken after " + total);
            throw e;
        }
        uploads.add("complete " + total);
        send(ex, 200, "received " + total);
    }

    private void sse(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            sseMayFinish.await(); // the client must see the first event while we wait here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
    }

    private void big(HttpExchange ex, long n) throws IOException {
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        OutputStream out = ex.getResponseBody();
        for (long sent = 0; sent < n; sent += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, n - sent));
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
