package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnpike.devnode.ApiKey;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.devnode.WalletId;
import dev.turnpike.io.PrivateFiles;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.RequestContext;
import dev.turnpike.l402.RevocationCheck;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.nodes.fake.FakeCln;
import dev.turnpike.nodes.fake.FakeLnd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code turnpike fetch} in process against an L402-protected server on loopback, paying through a wallet that
 * speaks the LNbits wallet API (both on one embedded node).
 */
class FetchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PRICE_MSAT = 10_000;

    @TempDir
    Path dir;

    private EmbeddedNode node;
    private HttpServer server;
    private ExecutorService executor;
    private Minter minter;
    private L402Verifier verifier;
    private final Map<RootKeyId, RootKey> rootKeys = new ConcurrentHashMap<>();
    private final Map<String, PaymentResult> walletPayments = new ConcurrentHashMap<>();
    private final AtomicInteger paymentsMade = new AtomicInteger();
    private volatile long priceMsat = PRICE_MSAT;
    private byte[] body;
    private String walletKey;
    private Path keyFile;

    record Run(int exitCode, byte[] stdout, String out, String err) {
        String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        node = EmbeddedNode.builder().build();
        SecureRandom random = new SecureRandom();
        minter = Minter.builder()
                .challenger((price, memo) -> {
                    try {
                        var inv = node.createInvoice(new InvoiceRequest(price.msat(), memo, Duration.ofMinutes(10)));
                        return new dev.turnpike.l402.Invoice(inv.bolt11(), PaymentHash.of(inv.paymentHash().bytes()));
                    } catch (Exception e) {
                        throw new StoreException("invoice failed", e);
                    }
                })
                .rootKeyWriter(rootKeys::put).random(random).clock(Clock.systemUTC()).build();
        verifier = L402Verifier.builder()
                .rootKeyStore(id -> Optional.ofNullable(rootKeys.get(id)))
                .revocationCheck(RevocationCheck.none()).clock(Clock.systemUTC()).build();
        body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::protectedApi);
        server.createContext("/wallet/api/v1/", this::walletApi);
        server.setExecutor(executor);
        server.start();

        WalletCredentials wallet = node.createWallet();
        node.fund(wallet.walletId(), 1_000_000);
        walletKey = wallet.apiKey().reveal();
        keyFile = dir.resolve("wallet.key");
        PrivateFiles.writeAtomically(keyFile, (walletKey + "\n").getBytes(StandardCharsets.UTF_8)); // owner-only
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        executor.shutdownNow();
        node.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private String walletUrl() {
        return "lnbits:" + url("/wallet");
    }

    private Run fetch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FetchCommand command = cmd.getSubcommands().get("fetch").getCommand();
        command.http.stdout = bytes;
        String[] all = new String[args.length + 1];
        all[0] = "fetch";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cmd.execute(all);
        return new Run(code, bytes.toByteArray(), out.toString(), err.toString());
    }

    private Run paidFetch(String... extra) {
        String[] base = {url("/quote"), "--wallet", walletUrl(), "--wallet-key-file", keyFile.toString(),
            "--token-dir", dir.resolve("tokens").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return fetch(all);
    }

    @Test
    void paysOnceThenReusesTheTokenAndPrintsTheBodyByteForByte() throws Exception {
        Run first = paidFetch("-v");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.stdout()).isEqualTo(body);
        assertThat(first.err())
                .contains("* GET " + url("/quote"))
                .contains("402 Payment Required: L402 challenge")
                .contains("invoice decoded: 10 sat, payment hash ")
                .contains("paid 10 sat, fee 0 msat")
                .contains("token stored in " + dir.resolve("tokens"))
                .contains("retried with the token: HTTP 200");
        String preimage = onlyPayment().preimage().toHex();
        assertThat(first.err()).doesNotContain(preimage).doesNotContain(walletKey);

        Run second = paidFetch("-v");
        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout()).isEqualTo(body);
        assertThat(second.err()).contains("using the stored token").doesNotContain("paid ");
        assertThat(paymentsMade.get()).isEqualTo(1);
    }

    @Test
    void aPriceAboveTheMaxCostIsRefusedWithTheReason() {
        priceMsat = 6_000;
        Run r = paidFetch("--max-cost", "5");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("turnpike fetch: ").contains("asks for 6 sat, more than the max cost of 5 sat")
                .doesNotContain("\tat ");
        assertThat(paymentsMade.get()).isZero();
    }

    @Test
    void withoutAWalletThe402IsPrintedAndTheExitCodeIs22() {
        Run r = fetch(url("/quote"), "--token-dir", dir.resolve("tokens").toString());
        assertThat(r.exitCode()).isEqualTo(HttpOptions.HTTP_ERROR);
        assertThat(r.text()).contains("Payment Required");
        assertThat(r.err()).contains("payment required; give a wallet");
    }

    @Test
    void anHttpErrorAfterPayingExitsWith22AndPrintsTheBody() {
        Run r = paidFetch();
        assertThat(r.exitCode()).isZero();
        Run missing = fetch(url("/missing"), "--wallet", walletUrl(), "--wallet-key-file", keyFile.toString(),
                "--token-dir", dir.resolve("tokens").toString());
        assertThat(missing.exitCode()).isEqualTo(22);
        assertThat(missing.text()).isEqualTo("no such thing");
    }

    @Test
    void methodBodyAndHeadersAreSent() {
        Run r = fetch(url("/echo"), "-X", "PUT", "-d", "hello", "-H", "X-Test: yes",
                "--wallet", walletUrl(), "--wallet-key", walletKey, "--token-dir", dir.resolve("tokens").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.text()).isEqualTo("PUT hello yes application/x-www-form-urlencoded");
    }

    @Test
    void outputGoesToAFileWithDashO() throws Exception {
        Path file = dir.resolve("out.bin");
        Run r = paidFetch("-o", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(Files.readAllBytes(file)).isEqualTo(body);
    }

    @Test
    void aWrongWalletKeyIsReportedAndNothingIsPaid() {
        Run r = fetch(url("/quote"), "--wallet", walletUrl(), "--wallet-key", "tpk_" + "0".repeat(64),
                "--token-dir", dir.resolve("tokens").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("was not made").contains("Wallet not found.");
        assertThat(paymentsMade.get()).isZero();
    }

    @Test
    void anUnknownWalletKindIsAUsageError() {
        Run r = fetch(url("/quote"), "--wallet", "ldk:https://x", "--wallet-key", "k");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("unknown wallet 'ldk:https://x'; use lnd:<host:port>, cln:<URL> or lnbits:<URL>");
    }

    @Test
    void paysThroughAnLndNodeGivenOnTheCommandLine() throws Exception {
        try (FakeLnd lnd = new FakeLnd(dir, Network.REGTEST)) {
            lnd.payments().payThrough(node.payer(payingWallet()));
            Run r = fetch(url("/quote"), "--wallet", "lnd:" + lnd.address(), "--lnd-tls-cert",
                    lnd.certificateFile().toString(), "--lnd-macaroon", lnd.macaroonFile().toString(), "--token-dir",
                    dir.resolve("tokens").toString(), "-v");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.stdout()).isEqualTo(body);
            assertThat(r.err()).contains("wallet: lnd https://" + lnd.address()).contains("paid 10 sat");
            assertThat(lnd.payments().sentCount()).isEqualTo(1);
        }
    }

    @Test
    void paysThroughACoreLightningNodeNamedInAWalletFile() throws Exception {
        try (FakeCln cln = new FakeCln(dir, Network.REGTEST)) {
            cln.payments().payThrough(node.payer(payingWallet()));
            Path walletFile = dir.resolve("wallet.yaml");
            Files.writeString(walletFile, "wallet:\n  type: cln\n  url: " + cln.url() + "\n  ca_cert: "
                    + cln.certificateFile() + "\n  rune_file: " + cln.runeFile() + "\n");

            Run r = fetch(url("/quote"), "--wallet-config", walletFile.toString(), "--token-dir",
                    dir.resolve("tokens").toString());

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.stdout()).isEqualTo(body);
            assertThat(cln.payments().sentCount()).isEqualTo(1);
        }
    }

    @Test
    void aWalletFileWithAKeyOfAnotherKindIsRefusedNamingTheKey() throws Exception {
        Path walletFile = dir.resolve("wallet.yaml");
        Files.writeString(walletFile, "wallet:\n  type: lnd\n  address: 127.0.0.1:8080\n  rune_file: x\n");

        Run r = fetch(url("/quote"), "--wallet-config", walletFile.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("wallet.rune_file is not a key of a lnd wallet").doesNotContain("\tat ");
    }

    @Test
    void anLnbitsWalletFileReadsTheAdminKeyFromItsOwnFile() throws Exception {
        Path walletFile = dir.resolve("wallet.yaml");
        Files.writeString(walletFile, "wallet:\n  type: lnbits\n  url: " + url("/wallet") + "\n  admin_key_file: "
                + keyFile + "\n");

        Run r = fetch(url("/quote"), "--wallet-config", walletFile.toString(), "--token-dir",
                dir.resolve("tokens").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(paymentsMade.get()).isEqualTo(1);
    }

    @Test
    void aWalletKeyFileThatIsMissingOrEmptyIsNamedAndNothingIsPaid() throws Exception {
        Path missingKey = dir.resolve("no-such.key");
        Run missing = fetch(url("/quote"), "--wallet", walletUrl(), "--wallet-key-file", missingKey.toString(),
                "--token-dir", dir.resolve("tokens").toString());
        Path emptyKey = dir.resolve("empty.key");
        PrivateFiles.writeAtomically(emptyKey, "\n".getBytes(StandardCharsets.UTF_8));
        Path walletFile = Files.writeString(dir.resolve("wallet.yaml"), "wallet:\n  type: lnbits\n  url: "
                + url("/wallet") + "\n  admin_key_file: " + emptyKey + "\n");
        Run empty = fetch(url("/quote"), "--wallet-config", walletFile.toString(), "--token-dir",
                dir.resolve("tokens").toString());

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file: " + missingKey).doesNotContain("\tat ");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains(emptyKey + " is empty");
        assertThat(paymentsMade.get()).isZero();
    }

    @Test
    void aWalletOnTheCommandLineAndInAFileIsAUsageError() {
        Run r = fetch(url("/quote"), "--wallet", walletUrl(), "--wallet-config", "w.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("not both");
    }

    /** A funded wallet of the embedded node that serves the protected API: what the fake node pays through. */
    private WalletId payingWallet() throws Exception {
        WalletCredentials wallet = node.createWallet();
        node.fund(wallet.walletId(), 1_000_000);
        return wallet.walletId();
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Run r = fetch("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: turnpike fetch").contains("--max-cost").contains("22");
    }

    @Test
    void helpSaysWhereADevWalletKeyComesFrom() {
        assertThat(fetch("--help").out().replaceAll("\\s+", " ")).contains("the wallet-api: and wallet-key: lines that"
                + " `turnpike demo`, `serve` and `turnpike devwallet create` print");
    }

    private PaymentResult onlyPayment() {
        assertThat(walletPayments).hasSize(1);
        return walletPayments.values().iterator().next();
    }

    // ------------------------------------------------------------------ the protected API

    private void protectedApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/missing")) {
                respond(exchange, 404, "text/plain", "no such thing".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (L402Headers.parseCredential(exchange.getRequestHeaders()) instanceof ParseResult.Ok<Credential> ok
                    && verifier.verify(ok.value(), RequestContext.forService("quotes")).isValid()) {
                if (path.equals("/echo")) {
                    String echo = exchange.getRequestMethod() + " " + new String(requestBody, StandardCharsets.UTF_8)
                            + " " + exchange.getRequestHeaders().getFirst("X-Test") + " "
                            + exchange.getRequestHeaders().getFirst("Content-Type");
                    respond(exchange, 200, "text/plain", echo.getBytes(StandardCharsets.UTF_8));
                } else {
                    respond(exchange, 200, "application/octet-stream", body);
                }
                return;
            }
            Challenge challenge;
            try {
                challenge = minter.mint(ServiceSpec.builder("quotes").price(Price.msats(priceMsat))
                        .lifetime(Duration.ofHours(1)).build());
            } catch (Exception e) {
                respond(exchange, 503, "text/plain", new byte[0]);
                return;
            }
            for (String value : L402Headers.challengeValues(challenge)) {
                exchange.getResponseHeaders().add(L402Headers.WWW_AUTHENTICATE, value);
            }
            respond(exchange, 402, "application/problem+json",
                    "{\"title\":\"Payment Required\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    // ------------------------------------------------------------------ the wallet (LNbits API subset)

    private void walletApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath().substring("/wallet/api/v1".length());
            String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
            Optional<WalletId> wallet = Optional.empty();
            if (key != null) {
                Optional<ApiKey> parsed = ApiKey.parse(key);
                wallet = parsed.isPresent() ? node.authenticate(parsed.get()) : Optional.empty();
            }
            if (path.startsWith("/payments/") && exchange.getRequestMethod().equals("GET")) {
                PaymentResult p = walletPayments.get(path.substring("/payments/".length()));
                if (p == null) {
                    json(exchange, 404, Map.of("detail", "Payment does not exist."));
                } else {
                    json(exchange, 200, Map.of("paid", true, "preimage", p.preimage().toHex()));
                }
                return;
            }
            if (key == null) {
                json(exchange, 401, Map.of("detail", "No Api Key provided."));
                return;
            }
            if (wallet.isEmpty()) {
                json(exchange, 404, Map.of("detail", "Wallet not found."));
                return;
            }
            if (path.equals("/payments") && exchange.getRequestMethod().equals("POST")) {
                JsonNode request = JSON.readTree(requestBody);
                try {
                    PaymentResult result = node.payer(wallet.get())
                            .pay(request.path("bolt11").asText(), PaymentLimits.maxFee(0));
                    walletPayments.put(result.paymentHash().toHex(), result);
                    paymentsMade.incrementAndGet();
                    json(exchange, 201, Map.of("payment_hash", result.paymentHash().toHex(),
                            "checking_id", result.paymentHash().toHex(), "preimage", result.preimage().toHex(),
                            "status", "success", "fee", 0));
                } catch (PaymentFailedException e) {
                    json(exchange, 520, Map.of("detail", e.getMessage(), "status", "failed"));
                } catch (Exception e) {
                    json(exchange, 520, Map.of("detail", "Bolt11 decoding failed.", "status", "failed"));
                }
                return;
            }
            json(exchange, 404, Map.of("detail", "Not Found"));
        } catch (Exception e) {
            json(exchange, 500, Map.of("detail", String.valueOf(e.getMessage())));
        }
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        respond(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
