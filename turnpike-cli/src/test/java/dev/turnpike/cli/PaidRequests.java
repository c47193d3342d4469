package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.client.L402Client;
import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.devnode.WalletCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * For tests of a served gateway with a {@code quotes} service on its embedded node: a paid request as a client
 * makes it, and the token it stored, as another program would send it.
 */
final class PaidRequests {

    private PaidRequests() {}

    /** The gateway's proxy listener, {@code http://host:port}. */
    static URI base(GatewayRuntime g) {
        return URI.create("http://" + GatewayRuntime.hostPort(g.listening().get(0)));
    }

    /**
     * Pays for {@code /quotes/today} through {@code g} from a funded dev wallet (the client stores the token in
     * {@code tokenDir}) and returns the token's {@code Authorization} value.
     */
    static String buyQuote(GatewayRuntime g, Path tokenDir) throws Exception {
        WalletCredentials wallet = g.node().createWallet();
        g.node().fund(wallet.walletId(), 1_000_000);
        try (L402Client client = L402Client.builder()
                .payer(LnbitsPayer.builder(g.devWalletApi().orElseThrow(), wallet.apiKey().reveal()).build())
                .tokenDirectory(tokenDir).build()) {
            assertThat(client.send(HttpRequest.newBuilder(base(g).resolve("/quotes/today")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        try (Stream<Path> files = Files.list(tokenDir)) {
            Path file = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            JsonNode t = new ObjectMapper().readTree(Files.readString(file));
            return "L402 " + t.get("macaroon").asText() + ":" + t.get("preimage").asText();
        }
    }

    /** {@code GET /quotes/today} through {@code g} with the {@code Authorization} value given. */
    static HttpResponse<String> getQuote(GatewayRuntime g, String authorization) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(base(g).resolve("/quotes/today"))
                    .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** {@code serve} switches logging to JSON for the process: back to the tests' quiet configuration. */
    static void quietLogsAgain() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }
}
