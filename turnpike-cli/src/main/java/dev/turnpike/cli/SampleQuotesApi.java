package dev.turnpike.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The demo's upstream: a tiny quotes API on loopback that knows nothing of payments. */
final class SampleQuotesApi implements AutoCloseable {

    private static final List<String> QUOTES = List.of(
            "{\"quote\": \"Privacy is necessary for an open society in the electronic age.\", \"author\": \"Eric Hughes\"}",
            "{\"quote\": \"The root problem with conventional currency is all the trust that's required to make it work.\", \"author\": \"Satoshi Nakamoto\"}",
            "{\"quote\": \"Running bitcoin.\", \"author\": \"Hal Finney\"}");

    private final HttpServer server;

    SampleQuotesApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/quotes/", this::quote);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void quote(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = path.equals("/quotes/today") ? QUOTES.get(0)
                : path.equals("/quotes/random") ? QUOTES.get(ThreadLocalRandom.current().nextInt(QUOTES.size()))
                : null;
        byte[] bytes = (body == null ? "{\"error\": \"no such quote\"}" : body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
