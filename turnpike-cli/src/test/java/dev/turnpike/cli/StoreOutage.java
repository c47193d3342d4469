package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * For tests of a served gateway whose store cannot write for a while (PostgreSQL down, the SQLite file locked by
 * another process): the requests that read and that write, and the 503 the writes must get.
 */
final class StoreOutage {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private StoreOutage() {}

    /** 503 problem+json with {@code Retry-After}, of this {@code type}. */
    static void assertUnavailable(HttpResponse<String> r, String type) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("retry-after")).isPresent();
        assertThat(new ObjectMapper().readTree(r.body()).toString()).contains(type);
    }

    /** {@code GET /quotes/today} through the proxy at {@code base}: with a token it reads, without it mints. */
    static HttpResponse<String> quote(URI base, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/quotes/today")).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new Bifrost session on the gateway's bridge: a write. */
    static HttpResponse<String> openSession(GatewayRuntime gateway) throws Exception {
        String body = "{\"delegatedKey\":\"" + Ed25519KeyPair.generate(new SecureRandom())
                .publicKey().toBase58() + "\"}";
        return CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.bifrost().orElseThrow() + "/api/auth"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
