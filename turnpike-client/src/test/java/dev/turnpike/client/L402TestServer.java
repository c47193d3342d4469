package dev.turnpike.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnpike.devnode.EmbeddedNode;
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
import dev.turnpike.l402.VerificationResult;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.lightning.node.InvoiceRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A small L402-protected HTTP server on 127.0.0.1: tokens minted with the real {@link Minter} on an
 * {@link EmbeddedNode}, checked with the real {@link L402Verifier}. Every path answers {@link #body} once paid.
 */
final class L402TestServer implements AutoCloseable {

    static final String SERVICE = "quotes";

    final EmbeddedNode node;
    final Map<RootKeyId, RootKey> rootKeys = new ConcurrentHashMap<>();
    final AtomicInteger challenges = new AtomicInteger();
    final AtomicInteger served = new AtomicInteger();
    volatile long priceMsat = 10_000;
    volatile Duration invoiceExpiry = Duration.ofMinutes(10);
    volatile UnaryOperator<Challenge> tamper = UnaryOperator.identity();
    volatile byte[] body = "the quote of the day".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final Minter minter;
    private final L402Verifier verifier;

    L402TestServer(EmbeddedNode node) throws IOException {
        this.node = node;
        SecureRandom random = new SecureRandom();
        this.minter = Minter.builder()
                .challenger((price, memo) -> {
                    try {
                        var inv = node.createInvoice(new InvoiceRequest(price.msat(), memo, invoiceExpiry));
                        return new dev.turnpike.l402.Invoice(inv.bolt11(), PaymentHash.of(inv.paymentHash().bytes()));
                    } catch (Exception e) {
                        throw new StoreException("invoice failed", e);
                    }
                })
                .rootKeyWriter(rootKeys::put)
                .random(random)
                .clock(Clock.systemUTC())
                .build();
        this.verifier = L402Verifier.builder()
                .rootKeyStore(id -> Optional.ofNullable(rootKeys.get(id)))
                .revocationCheck(RevocationCheck.none())
                .clock(Clock.systemUTC())
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The server loses its root keys: every token it issued becomes unknown. */
    void forgetTokens() {
        rootKeys.clear();
    }

    /** Mints a challenge as a 402 would carry it. */
    Challenge mint() throws Exception {
        return tamper.apply(minter.mint(ServiceSpec.builder(SERVICE)
                .price(Price.msats(priceMsat))
                .lifetime(Duration.ofHours(1))
                .build()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            ParseResult<Credential> credential = L402Headers.parseCredential(exchange.getRequestHeaders());
            if (credential instanceof ParseResult.Ok<Credential> ok) {
                VerificationResult result = verifier.verify(ok.value(), RequestContext.forService(SERVICE));
                if (result.isValid()) {
                    served.incrementAndGet();
                    byte[] b = body;
                    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
                    exchange.sendResponseHeaders(200, b.length);
                    exchange.getResponseBody().write(b);
                    return;
                }
            }
            Challenge challenge;
            try {
                challenge = mint();
            } catch (Exception e) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            challenges.incrementAndGet();
            for (String value : L402Headers.challengeValues(challenge)) {
                exchange.getResponseHeaders().add(L402Headers.WWW_AUTHENTICATE, value);
            }
            byte[] problem = "{\"title\":\"Payment Required\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(402, problem.length);
            exchange.getResponseBody().write(problem);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
