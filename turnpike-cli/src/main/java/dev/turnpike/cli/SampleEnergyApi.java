package dev.turnpike.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's energy API on loopback, which knows nothing of Bifrost: {@code GET /energy/sites/{site}/meters} for
 * {@code site-1} and {@code site-2}, and {@code POST /energy/gateways/{id}/transfer}, which the gateway never lets
 * a delegated token reach. It answers with the wallet the gateway forwarded ({@code X-Turnpike-Wallet}).
 *
 * <p>{@code POST /energy/graphql} stands for a GraphQL API with no engine behind it (the gateway is what the demo
 * shows): a document that names {@code transferGateway} gets the answer of that mutation, as if it had run (the
 * gateway never lets a delegated token reach it), any other the answer of {@code { sites { id } }}.
 */
final class SampleEnergyApi implements AutoCloseable {

    private static final Pattern METERS = Pattern.compile("/energy/sites/(site-[12])/meters");

    private final HttpServer server;

    SampleEnergyApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/energy/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        if (ex.getRequestMethod().equals("POST") && ex.getRequestURI().getPath().equals("/energy/graphql")) {
            String document = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            answer(ex, 200, document.contains("transferGateway")
                    ? "{\"data\": {\"transferGateway\": {\"ok\": true}}}"
                    : "{\"data\": {\"sites\": [{\"id\": \"site-1\"}, {\"id\": \"site-2\"}]}}");
            return;
        }
        Matcher meters = METERS.matcher(ex.getRequestURI().getPath());
        String wallet = String.valueOf(ex.getRequestHeaders().getFirst("X-Turnpike-Wallet"));
        boolean found = ex.getRequestMethod().equals("GET") && meters.matches();
        String body = found
                ? "{\"site\": \"" + meters.group(1) + "\", \"wallet\": \"" + wallet + "\", \"meters\": [{\"id\": \""
                        + meters.group(1) + "-m1\", \"power_w\": 1520}]}"
                : "{\"error\": \"no such resource\"}";
        answer(ex, found ? 200 : 404, body);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
