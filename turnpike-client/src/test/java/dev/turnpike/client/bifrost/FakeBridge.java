package dev.turnpike.client.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A scriptable Bifrost bridge on 127.0.0.1 with one session, for what the real bridge never does: answers of the
 * original protocol only, misrecorded sessions, tampered tokens, odd problems. Requests are logged as
 * {@code METHOD path?query credential}, credential one of {@code bearer}, {@code dpop}, {@code none}.
 */
final class FakeBridge implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ID = "Sess_1234567890abcdefg";
    static final String NONCE = "bridge-nonce-1234567890";
    static final String POLL_TOKEN = "pt_0123456789abcdefghijklmnopqrstuvwxyz0123";

    /** A canned answer. */
    record Reply(int status, String contentType, String body) {
        static Reply json(int status, String body) {
            return new Reply(status, status >= 400 ? "application/problem+json" : "application/json", body);
        }

        static Reply problem(int status, String error, String more) {
            return json(status, "{\"error\":\"" + error + "\",\"detail\":\"because\"" + more + "}");
        }
    }

    static final Reply SUCCESS = Reply.json(200, "{\"status\":\"success\"}");

    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Answers to the application's reads (with a credential), in order, before the default one. */
    final Deque<Reply> appReads = new ArrayDeque<>();
    /** Answers to reads without a credential (the wallet's, and the application's check), before the default one. */
    final Deque<Reply> walletReads = new ArrayDeque<>();
    /** The original protocol only: no poll token, code, state, events or deny. */
    volatile boolean documentOnly;
    volatile boolean addNonce = true;
    /** The confirmation code shown to the wallet (the application is given BCD-FGH). */
    volatile String walletCode = "BCD-FGH";
    volatile Instant expiresAt;
    /** How the bridge "records" the application's attributes. */
    volatile UnaryOperator<ObjectNode> recordAttributes = UnaryOperator.identity();
    /** What the application's read hands over once set; until then, authorization_pending. */
    volatile String token;
    volatile String eventStream;
    /** When set, an event stream stays open after its events until this is counted down (or two minutes pass). */
    volatile CountDownLatch holdEvents;
    /** The bridge's largest token lifetime in seconds, shown to the wallet if set. */
    volatile Long maxTokenLifetime;
    volatile String posted;
    /** The answer to the opening, instead of a session. */
    volatile Reply refuseOpen;
    /** The answer to the wallet's approval, instead of success. */
    volatile Reply refuseApproval;
    volatile String delegatedKey;
    volatile ObjectNode attributes;
    private final HttpServer server;

    FakeBridge(Instant expiresAt) throws IOException {
        this.expiresAt = expiresAt;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            String path = x.getRequestURI().getRawPath();
            String credential = x.getRequestHeaders().containsKey("DPoP") ? "dpop"
                    : x.getRequestHeaders().containsKey("Authorization") ? "bearer" : "none";
            requests.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + credential);
            Reply reply = switch (x.getRequestMethod() + " " + path) {
                case "POST /api/auth" -> open(JSON.readTree(body));
                case "GET " + "/api/auth/" + ID -> credential.equals("none") ? walletRead() : appRead();
                case "GET " + "/api/auth/" + ID + "/events" -> documentOnly || eventStream == null
                        ? new Reply(404, "text/plain", "Not Found")
                        : new Reply(200, "text/event-stream", eventStream);
                case "POST " + "/api/auth/" + ID -> {
                    if (refuseApproval != null) {
                        yield refuseApproval;
                    }
                    posted = JSON.readTree(body).get("token").asText();
                    yield SUCCESS;
                }
                case "POST " + "/api/auth/" + ID + "/deny" -> documentOnly ? Reply.problem(404, "not_found", "") : SUCCESS;
                case "DELETE " + "/api/auth/" + ID -> SUCCESS;
                default -> Reply.problem(404, "not_found", "");
            };
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", reply.contentType());
            boolean hold = reply.contentType().equals("text/event-stream") && holdEvents != null;
            x.sendResponseHeaders(reply.status(), hold ? 0 : bytes.length == 0 ? -1 : bytes.length);
            x.getResponseBody().write(bytes);
            if (hold) {
                x.getResponseBody().flush();
                try {
                    holdEvents.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Reply open(JsonNode request) {
        if (refuseOpen != null) {
            return refuseOpen;
        }
        delegatedKey = request.get("delegatedKey").asText();
        ObjectNode asked = request.has("attributes") ? (ObjectNode) request.get("attributes").deepCopy()
                : JSON.createObjectNode();
        if (addNonce) {
            asked.put("nonce", NONCE);
        }
        attributes = recordAttributes.apply(asked);
        ObjectNode out = JSON.createObjectNode().put("session_id", ID)
                .put("session_url", base() + "/auth/session/" + ID);
        if (!documentOnly) {
            out.put("poll_token", POLL_TOKEN).put("confirmation_code", "BCD-FGH")
                    .put("expires_at", expiresAt.getEpochSecond()).put("interval", 2)
                    .put("deep_link", "sea://auth?session=" + ID);
        }
        return Reply.json(201, out.toString());
    }

    private synchronized Reply walletRead() {
        return walletReads.isEmpty() ? Reply.json(200, view(false)) : walletReads.poll();
    }

    private synchronized Reply appRead() {
        if (!appReads.isEmpty()) {
            return appReads.poll();
        }
        if (token == null) {
            return documentOnly ? Reply.json(200, view(false)) : Reply.problem(400, "authorization_pending",
                    ",\"interval\":2");
        }
        return Reply.json(200, view(true));
    }

    /** The wallet's view, and a pending application read under the original protocol. */
    String pendingView() {
        return view(false);
    }

    private String view(boolean withToken) {
        ObjectNode v = JSON.createObjectNode().put("delegatedKey", delegatedKey)
                .put("expiresAt", expiresAt.getEpochSecond());
        v.set("attributes", attributes);
        if (!documentOnly) {
            v.put("confirmation_code", walletCode).put("state", withToken ? "consumed" : "pending");
        }
        if (maxTokenLifetime != null) {
            v.put("max_token_lifetime", maxTokenLifetime);
        }
        if (withToken) {
            v.put("token", token);
        }
        return v.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
