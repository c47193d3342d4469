package dev.turnpike.cli;

import dev.turnpike.client.L402Client;
import dev.turnpike.client.L402Event;
import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.gateway.config.GatewayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The seed's L402 flow on the embedded defaults, over real HTTP: a sample quotes API behind the gateway
 * (embedded Lightning node, SQLite), a client that gets a 402, pays with a dev wallet through the
 * LNbits-compatible wallet API, stores the token and retries, then reuses the token without paying.
 * Then it keeps serving, and prints what is needed to try it by hand.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the L402 flow over real HTTP on the embedded defaults (gateway, Lightning node, SQLite, a sample"
                    + " quotes API, a paying client), prints each step, then keeps serving until interrupted. It also"
                    + " serves the Bifrost bridge and a sample energy API that takes delegated tokens (auth: bifrost,"
                    + " pop: required): log in with `app login`, approve with `wallet approve`, call it with"
                    + " `app fetch`."
        })
final class DemoCommand extends PrintingCommand {

    static final long WALLET_FUNDS_MSAT = 100_000_000; // 100,000 sat

    @Option(names = "--port", defaultValue = "0", paramLabel = "N",
            description = "Gateway port (default: any free port).")
    int port;

    @Option(names = "--price", defaultValue = "10", paramLabel = "SATS", description = "Price of a token (default: ${DEFAULT-VALUE} sat).")
    long priceSats;

    @Option(names = "--max-cost", defaultValue = "100", paramLabel = "SATS",
            description = "The client's budget: it pays automatically up to this (default: ${DEFAULT-VALUE} sat).")
    long maxCostSats;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the demo's state here (default: a temporary folder, removed afterwards).")
    Path dataDir;

    @Option(names = "--once", description = "Stop after the flow instead of serving (for scripts and tests).")
    boolean once;

    private PrintWriter out;
    /** Counted down once the demo has stopped and removed its folder: Ctrl-C's shutdown hook waits for it. */
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        out = out();
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("turnpike-demo");
        try (SampleQuotesApi upstream = new SampleQuotesApi();
                SampleEnergyApi energy = new SampleEnergyApi();
                GatewayRuntime gateway = GatewayRuntime.start(config(dir, upstream, energy), Clock.systemUTC(),
                        new SecureRandom())) {
            return run(gateway, dir);
        } finally {
            try {
                if (dataDir == null) {
                    deleteTree(dir);
                }
            } finally {
                cleanedUp.countDown();
            }
        }
    }

    private GatewayConfig config(Path dir, SampleQuotesApi upstream, SampleEnergyApi energy) throws Exception {
        String yaml = """
                listen: 127.0.0.1:%d
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                bifrost:
                  enabled: true
                services:
                  - name: quotes
                    match:
                      path: /quotes(/.*)?
                    upstream: http://127.0.0.1:%d
                    price_sats: %d
                    token_lifetime: 1h
                    capabilities: [read]
                    capability_rules:
                      - {methods: [GET, HEAD], path: /quotes(/.*)?, capability: read}
                  - name: energy
                    match:
                      path: /energy(/.*)?
                    upstream: http://127.0.0.1:%d
                    auth: bifrost
                    pop: required
                    rules:
                      - {method: GET, path: '/energy/sites/{site}/meters', scope: read:meter, resources: {site: sites}}
                      - {method: POST, path: /energy/graphql, scope: read:meter}
                    never_delegable:
                      - {method: POST, path: '/energy/gateways/{id}/transfer'}
                    graphql:
                      path: /energy/graphql
                      never_delegable: [mutation.transferGateway]
                """.formatted(port, dir.toAbsolutePath(), upstream.port(), priceSats, energy.port());
        return GatewayConfig.parse(yaml, "demo");
    }

    private int run(GatewayRuntime gateway, Path dir) throws Exception {
        URI base = URI.create("http://" + GatewayRuntime.hostPort(gateway.listening().get(0)));
        URI protectedUrl = base.resolve("/quotes/today");
        URI walletApi = gateway.devWalletApi().orElseThrow();
        WalletCredentials wallet = gateway.node().createWallet();
        gateway.node().fund(wallet.walletId(), WALLET_FUNDS_MSAT);
        out.println("Turnpike demo: the L402 flow over HTTP, on the embedded Lightning node ("
                + gateway.node().network().name().toLowerCase(Locale.ROOT) + ") with SQLite in " + dir);
        out.println("  gateway " + base + " -> sample quotes API; dev wallet funded with "
                + WALLET_FUNDS_MSAT / 1000 + " sat");

        AtomicInteger payments = new AtomicInteger();
        try (L402Client client = L402Client.builder()
                .payer(LnbitsPayer.builder(walletApi, wallet.apiKey().reveal()).build())
                .maxCostSats(maxCostSats)
                .tokenDirectory(dir.resolve("client-tokens"))
                .listener(event -> narrate(event, payments))
                .build()) {
            out.println();
            out.println("[1] GET " + protectedUrl + " (no token yet)");
            HttpResponse<String> first = client.send(HttpRequest.newBuilder(protectedUrl).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.println("    -> " + first.statusCode() + " " + first.body());
            if (first.statusCode() != 200) {
                return 1;
            }
            out.println();
            out.println("[2] GET " + protectedUrl + " again");
            HttpResponse<String> second = client.send(HttpRequest.newBuilder(protectedUrl).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.println("    -> " + second.statusCode() + " " + second.body());
            out.println("    payments made in all: " + payments.get());
            if (second.statusCode() != 200 || payments.get() != 1) {
                return 1;
            }
        }
        out.println();
        out.println("protected: " + protectedUrl);
        out.println("wallet-api: " + walletApi);
        out.println("wallet-key: " + wallet.apiKey().reveal());
        gateway.adminAddress().ifPresent(a -> out.println("admin: http://" + GatewayRuntime.hostPort(a)
                + " (bearer secret in " + dir.resolve("admin.secret") + ")"));
        out.println("try: ./turnpike fetch " + base.resolve("/quotes/random") + " --max-cost " + maxCostSats
                + " --wallet lnbits:" + walletApi + " --wallet-key " + wallet.apiKey().reveal() + " -v");
        gateway.bifrost().ifPresent(bifrost -> {
            out.println("bifrost: " + bifrost);
            out.println("try: ./turnpike app login --bifrost " + bifrost + " --name 'Demo App' --permissions"
                    + " '{\"scopes\":[\"read:meter\"],\"resources\":{\"sites\":[\"site-1\"]}}'");
        });
        out.println("energy: " + base.resolve("/energy"));
        out.println("try: ./turnpike app fetch " + base.resolve("/energy/sites/site-1/meters") + " -v");
        out.println("try: ./turnpike app fetch " + base.resolve("/energy/graphql") + " -X POST -H 'Content-Type:"
                + " application/json' -d '{\"query\": \"{ sites { id } }\"}'");
        out.flush();
        if (!once) {
            out.println("serving until interrupted (Ctrl-C)");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            // the JVM exits when its shutdown hooks end: this one lets the demo stop and remove its folder first
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    cleanedUp.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "turnpike-demo-stop"));
            stopped.await();
        }
        return 0;
    }

    private void narrate(L402Event event, AtomicInteger payments) {
        String line = switch (event) {
            case L402Event.ChallengeReceived e -> "402 Payment Required: WWW-Authenticate carries a macaroon and an invoice";
            case L402Event.InvoiceDecoded e -> "invoice decoded: " + e.amountMsat() / 1000 + " sat on "
                    + e.network().toLowerCase(Locale.ROOT) + ", payment hash " + e.paymentHash() + ", expires "
                    + e.expiresAt() + "; within the budget of "
                    + maxCostSats + " sat";
            case L402Event.Paying e -> "paying through " + e.payer() + " (pending token stored first)";
            case L402Event.Paid e -> {
                payments.incrementAndGet();
                yield "paid " + e.amountMsat() / 1000 + " sat, fee " + e.feeMsat() + " msat; preimage received";
            }
            case L402Event.TokenStored e -> "token (macaroon + preimage) stored in " + e.where();
            case L402Event.Retried e -> "retried with Authorization: L402 <macaroon>:<preimage> -> " + e.statusCode();
            case L402Event.TokenAttached e -> "stored token attached: no payment needed";
            default -> event.getClass().getSimpleName();
        };
        out.println("    " + line);
        out.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
