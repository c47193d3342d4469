package dev.turnpike.cli;

import dev.turnpike.gateway.config.GatewayConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * For tests: a gateway as {@code serve} runs it, in-process on loopback, with a {@code quotes} service (21 sat) in
 * front of a sample upstream, the embedded node and its dev wallet API, and the admin API on a port named in its
 * configuration, written to {@code turnpike.yaml} in the folder given; its state under {@code state/}.
 */
final class ServedGateway implements AutoCloseable {

    final Path configFile;
    final Path dataDir;
    final SampleQuotesApi upstream;
    final GatewayRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServedGateway(Path configFile, Path dataDir, SampleQuotesApi upstream, GatewayRuntime runtime) {
        this.configFile = configFile;
        this.dataDir = dataDir;
        this.upstream = upstream;
        this.runtime = runtime;
    }

    /** Serves from {@code dir}: the configuration file in it, the state folder {@code dir/state}. */
    static ServedGateway start(Path dir) throws Exception {
        return start(dir, "");
    }

    /** {@link #start(Path)} with more top-level configuration ({@code extra}: YAML lines, each ending in a newline). */
    static ServedGateway start(Path dir, String extra) throws Exception {
        SampleQuotesApi upstream = new SampleQuotesApi();
        try {
            Path dataDir = dir.resolve("state");
            Path file = dir.resolve("turnpike.yaml");
            Files.writeString(file, """
                    listen: 127.0.0.1:0
                    data_dir: %s
                    admin:
                      listen: 127.0.0.1:%d
                    services:
                      - name: quotes
                        match:
                          path: /quotes(/.*)?
                        upstream: http://127.0.0.1:%d
                        price_sats: 21
                    """.formatted(dataDir, freePort(), upstream.port()) + extra);
            GatewayRuntime runtime = GatewayRuntime.start(GatewayConfig.load(file), Clock.systemUTC(),
                    new SecureRandom());
            return new ServedGateway(file, dataDir, upstream, runtime);
        } catch (Exception | Error e) {
            upstream.close();
            throw e;
        }
    }

    /** The proxy listener, {@code http://host:port}. */
    URI base() {
        return PaidRequests.base(runtime);
    }

    /** A port free now, so that the configuration names the admin listener's port as a real one does. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The admin listener, as the configuration names it. */
    URI adminUrl() {
        return URI.create("http://" + GatewayRuntime.hostPort(runtime.adminAddress().orElseThrow()));
    }

    Path secretFile() {
        return dataDir.resolve("admin.secret");
    }

    /** The admin API's {@code Authorization} value. */
    String bearer() throws IOException {
        return "Bearer " + Files.readString(secretFile()).strip();
    }

    /** An admin API call with the secret, as a script would make it. */
    HttpResponse<String> admin(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(adminUrl().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer()).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        runtime.close();
        upstream.close();
        http.close();
    }
}
