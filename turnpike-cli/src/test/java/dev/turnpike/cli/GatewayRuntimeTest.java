package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.client.L402Client;
import dev.turnpike.client.L402Event;
import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.gateway.config.GatewayConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as {@code serve} assembles it, over real HTTP with a real SQLite file: nothing paid is lost
 * on restart, revocations stick, and the books follow payments.
 */
class GatewayRuntimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SampleQuotesApi upstream;
    private GatewayConfig config;
    private final List<L402Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        upstream = new SampleQuotesApi();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // the same origin across restarts, as for a real deployment
        }
        config = GatewayConfig.parse("""
                listen: 127.0.0.1:%d
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                services:
                  - name: quotes
                    match:
                      path: /quotes(/.*)?
                    upstream: http://127.0.0.1:%d
                    price_sats: 21
                """.formatted(port, dir.resolve("state"), upstream.port()), "test");
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    private GatewayRuntime start() throws Exception {
        return GatewayRuntime.start(config, Clock.systemUTC(), new SecureRandom());
    }

    private L402Client client(GatewayRuntime gateway, WalletCredentials wallet) {
        return L402Client.builder()
                .payer(LnbitsPayer.builder(gateway.devWalletApi().orElseThrow(), wallet.apiKey().reveal()).build())
                .tokenDirectory(dir.resolve("tokens"))
                .listener(events::add)
                .build();
    }

    private static int get(L402Client client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private long paid() {
        return events.stream().filter(e -> e instanceof L402Event.Paid).count();
    }

    private static URI base(GatewayRuntime g) {
        return URI.create("http://" + GatewayRuntime.hostPort(g.listening().get(0)));
    }

    private HttpResponse<String> admin(GatewayRuntime g, String method, String path) throws Exception {
        String bearer = "Bearer " + Files.readString(dir.resolve("state/admin.secret")).strip();
        URI uri = URI.create("http://" + GatewayRuntime.hostPort(g.adminAddress().orElseThrow()) + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", bearer)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenPaidBeforeARestartWorksAfterItAndARevocationSticksAcrossOne() throws Exception {
        WalletCredentials wallet;
        URI quote;
        try (GatewayRuntime g = start()) {
            wallet = g.node().createWallet();
            g.node().fund(wallet.walletId(), 1_000_000);
            quote = base(g).resolve("/quotes/today");
            try (L402Client c = client(g, wallet)) {
                assertThat(get(c, quote)).isEqualTo(200);
            }
        }
        assertThat(paid()).isEqualTo(1);

        String tokenId;
        try (GatewayRuntime g = start()) {
            try (L402Client c = client(g, wallet)) {
                assertThat(get(c, quote)).isEqualTo(200);
            }
            assertThat(paid()).as("no second payment after the restart").isEqualTo(1);
            assertThat(g.node().balanceMsat(wallet.walletId())).isEqualTo(1_000_000 - 21_000);

            JsonNode tokens = JSON.readTree(admin(g, "GET", "/api/tokens").body()).get("tokens");
            assertThat(tokens).hasSize(1);
            tokenId = tokens.get(0).get("token_id").asText();
            assertThat(tokens.get(0).get("settled_at").isNull()).as("the settlement was booked").isFalse();
            JsonNode quotes = JSON.readTree(admin(g, "GET", "/api/services").body()).get("services").get(0);
            assertThat(quotes.get("revenue_msat").asLong()).isEqualTo(21_000);

            assertThat(admin(g, "POST", "/api/tokens/" + tokenId + "/revoke").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(quote)
                    .header("Authorization", storedAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(402);
        }
        try (GatewayRuntime g = start()) {
            HttpResponse<String> stillRefused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(quote)
                    .header("Authorization", storedAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stillRefused.statusCode()).isEqualTo(402);
            assertThat(stillRefused.body()).contains("revoked");
        }
    }

    @Test
    void usedFreebiesStayUsedAcrossARestart() throws Exception {
        config = GatewayConfig.parse("""
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  enabled: false
                services:
                  - name: quotes
                    upstream: http://127.0.0.1:%d
                    auth: freebie
                    free_requests: 2
                    price_sats: 21
                """.formatted(dir.resolve("state"), upstream.port()), "test");
        HttpClient http = HttpClient.newHttpClient();
        try (GatewayRuntime g = start()) {
            HttpRequest quote = HttpRequest.newBuilder(base(g).resolve("/quotes/today")).build();
            assertThat(http.send(quote, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        try (GatewayRuntime g = start()) {
            HttpRequest quote = HttpRequest.newBuilder(base(g).resolve("/quotes/today")).build();
            assertThat(http.send(quote, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        try (GatewayRuntime g = start()) {
            HttpRequest quote = HttpRequest.newBuilder(base(g).resolve("/quotes/today")).build();
            assertThat(http.send(quote, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("both freebies were used before the restarts").isEqualTo(402);
        }
    }

    /** The Authorization value the client stored (its token file), as another program would send it. */
    private String storedAuthorization() throws Exception {
        try (var files = Files.list(dir.resolve("tokens"))) {
            Path file = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            JsonNode t = JSON.readTree(Files.readString(file));
            return "L402 " + t.get("macaroon").asText() + ":" + t.get("preimage").asText();
        }
    }

    @Test
    void aSecretFileOpenToOtherUsersStopsTheStartUntilItIsChmod600() throws Exception {
        try (GatewayRuntime g = start()) {
            assertThat(admin(g, "GET", "/healthz").statusCode()).isEqualTo(200);
        }
        for (Path file : List.of(dir.resolve("state/admin.secret"), dir.resolve("state/node/node.key"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            assertThatThrownBy(this::start).as(file.toString())
                    .hasStackTraceContaining(file + " is open to other users (rw-r--r--): chmod 600 " + file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        try (GatewayRuntime g = start()) {
            assertThat(admin(g, "GET", "/api/tokens").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void selfSignedTlsIsMadeOnceKeptOwnerOnlyAndServesH2() throws Exception {
        GatewayConfig tls = GatewayConfig.parse(String.join("\n",
                "listen: 127.0.0.1:0",
                "data_dir: " + dir.resolve("tls-state"),
                "tls:",
                "  self_signed: true",
                "admin:",
                "  enabled: false",
                "services:",
                "  - name: quotes",
                "    match:",
                "      path: /quotes(/.*)?",
                "    upstream: http://127.0.0.1:" + upstream.port(),
                "    price_sats: 21",
                ""), "test");
        Path cert = dir.resolve("tls-state/tls/self-signed-cert.pem");
        Path key = dir.resolve("tls-state/tls/self-signed-key.pem");
        byte[] first;
        try (GatewayRuntime g = GatewayRuntime.start(tls, Clock.systemUTC(), new SecureRandom())) {
            first = Files.readAllBytes(cert);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            HttpResponse<String> r = trusting(cert).send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + g.listening().get(0).getPort() + "/quotes/today")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(402);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        }
        try (GatewayRuntime g = GatewayRuntime.start(tls, Clock.systemUTC(), new SecureRandom())) {
            assertThat(Files.readAllBytes(cert)).as("the same certificate after a restart").isEqualTo(first);
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> GatewayRuntime.start(tls, Clock.systemUTC(), new SecureRandom()))
                .hasMessage("the TLS private key file " + key + " is open to other users (rw-r-----): chmod 600 " + key);
    }

    private static HttpClient trusting(Path pem) throws Exception {
        Certificate certificate;
        try (var in = Files.newInputStream(pem)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_2).build();
    }

    @Test
    void aBadConfigurationIsReportedWithLineAndKeyAndExitCode2() throws Exception {
        Path bad = dir.resolve("turnpike.yaml");
        Files.writeString(bad, "services:\n  - name: quotes\n    upstream: ftp://nope\n    price_sats: ten\n");
        CliTest.Run r = CliTest.run("serve", "--config", bad.toString());
        assertThat(r.exitCode()).isEqualTo(ServeCommand.BAD_CONFIG);
        assertThat(r.err()).startsWith("2 problems in " + bad + ":").contains("turnpike.yaml:3:").contains("upstream")
                .contains("turnpike.yaml:4:").contains("price_sats");
    }

    @Test
    void aMissingConfigurationSaysHowToStartOne() {
        Path missing = dir.resolve("nowhere.yaml");
        CliTest.Run r = CliTest.run("serve", "--config", missing.toString());
        assertThat(r.exitCode()).isEqualTo(ServeCommand.BAD_CONFIG);
        assertThat(r.err()).contains(missing + ": no such file")
                .contains("hint: start from the example: cp turnpike.example.yaml " + missing);
    }
}
