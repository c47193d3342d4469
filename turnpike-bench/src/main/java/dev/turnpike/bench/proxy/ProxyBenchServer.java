package dev.turnpike.bench.proxy;

import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.gateway.challenge.InvoiceChallenger;
import dev.turnpike.gateway.config.AccessLogConfig;
import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.ratelimit.RateLimit;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.CapabilityRule;
import dev.turnpike.gateway.route.DelegationPolicy.ProofMode;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import dev.turnpike.gateway.server.Gateway;
import dev.turnpike.gateway.server.Transport;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.lightning.node.PaymentLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gateway set up for the wrk proxy benchmark (issue 3, see BENCHMARKS.md and ../shared/bench): one
 * paid L402 service taking every path ({@code /.*}), forwarding to the harness's nginx upstream, with an
 * in-memory embedded Lightning node, {@link InvoiceChallenger}, a {@link Minter} over an in-memory root-key
 * map and an {@link L402Verifier} over the same map. At start it buys one token through the gateway itself
 * (a real 402, paid from a funded dev wallet, then checked not to be refused), prints {@code HEADER=Authorization: L402 <macaroon>:<preimage>}
 * on stdout, then serves until killed.
 *
 * <p>Requests carrying that header are the paid path (verify, forward); requests without it are the 402 path
 * (each one mints an invoice and a macaroon). Neither is rate limited by default: paid traffic is unlimited
 * and the challenge limit is unlimited unless {@code challenge.rate} is set.
 *
 * <p>System properties (all optional):
 * <ul>
 *   <li>{@code io.threads} event-loop threads, default 1 (one-core runs)</li>
 *   <li>{@code port} listen port on 127.0.0.1, default 18082</li>
 *   <li>{@code upstream} default {@code http://127.0.0.1:18080}</li>
 *   <li>{@code challenge.rate} challenges per second per client /24 (burst the same); default unlimited</li>
 *   <li>{@code mint.threads}, {@code mint.queue} the mint executor, default 2 and 1024</li>
 *   <li>{@code auth} {@code l402} (default), or {@code bifrost} / {@code dpop}: the service takes delegated tokens
 *       with {@code pop: off} / {@code required} instead ({@link DelegatedBench}); no token is bought, the header,
 *       token and app key seed are printed instead</li>
 *   <li>{@code transport} {@code auto} (default), {@code io_uring}, {@code epoll} or {@code nio}. A
 *       comma-separated list starts one gateway per transport on consecutive ports, sharing root keys, so that
 *       one token works on each and the harness can compare them in one run</li>
 *   <li>{@code access_log} {@code off} (default) or {@code on}: one access line per request, written as serve
 *       writes them to a file, {@code access_log.dir}/access-N.log (one per gateway, N from 0; default dir
 *       {@code java.io.tmpdir}/turnpike-bench-access, emptied at start). Measure on against off in the same run; at
 *       about 250 bytes a line, a 30 s run at 50,000 requests/s writes some 400 MB</li>
 * </ul>
 *
 * <pre>{@code
 * taskset -c 1 java -XX:+UseParallelGC -Xms512m -Xmx512m -cp turnpike-bench/target/benchmarks.jar \
 *     dev.turnpike.bench.proxy.ProxyBenchServer
 * }</pre>
 */
public final class ProxyBenchServer {

    private ProxyBenchServer() {}

    public static void main(String[] args) throws Exception {
        int ioThreads = Integer.getInteger("io.threads", 1);
        int port = Integer.getInteger("port", 18082);
        String upstream = System.getProperty("upstream", "http://127.0.0.1:18080");
        String challengeRate = System.getProperty("challenge.rate");
        int mintThreads = Integer.getInteger("mint.threads", 2);
        int mintQueue = Integer.getInteger("mint.queue", 1024);
        List<Transport> transports = Arrays.stream(System.getProperty("transport", "auto").split(","))
                .map(name -> Transport.named(name.trim())).toList();
        Path accessLogs = accessLogs(System.getProperty("access_log", "off"));

        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        Map<RootKeyId, RootKey> rootKeys = new ConcurrentHashMap<>();
        RevocationSet revocations = new RevocationSet();
        EmbeddedNode node = EmbeddedNode.builder().clock(clock).random(random).build();
        WalletCredentials wallet = node.createWallet();
        node.fund(wallet.walletId(), 100_000_000);
        Minter minter = Minter.builder()
                .challenger(new InvoiceChallenger(node, Duration.ofMinutes(10)))
                .rootKeyWriter(rootKeys::put)
                .random(random)
                .clock(clock)
                .build();
        L402Verifier verifier = L402Verifier.builder()
                .rootKeyStore(id -> Optional.ofNullable(rootKeys.get(id)))
                .revocationCheck(revocations)
                .clock(clock)
                .build();

        // like a configured service: a price, a lifetime, capabilities with a rule (GET needs "read")
        AuthPolicy.L402 paid = new AuthPolicy.L402(Price.sats(10), Duration.ofDays(1), 0,
                List.of("read", "write"), List.of());
        String auth = System.getProperty("auth", "l402");
        DelegatedBench delegated = auth.equals("l402") ? null : new DelegatedBench(random);
        AuthPolicy policy = delegated == null ? paid
                : DelegatedBench.policy(auth.equals("dpop") ? ProofMode.REQUIRED : ProofMode.OFF);
        List<CapabilityRule> capabilities = delegated != null ? List.of()
                : List.of(new CapabilityRule(Set.of("GET", "HEAD"), Pattern.compile("/.*"), "read"),
                        new CapabilityRule(Set.of(), Pattern.compile("/.*"), "write"));
        ServiceRoute route = new ServiceRoute("bench", null, Pattern.compile("/.*"), Upstream.parse(upstream), policy,
                capabilities, List.of());
        RateLimit challengeLimit = challengeRate == null ? RateLimit.unlimited()
                : RateLimit.perSecond(Double.parseDouble(challengeRate), (int) Math.ceil(Double.parseDouble(challengeRate)));

        List<Gateway> gateways = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateways.forEach(Gateway::close);
            node.close();
        }));
        int firstPort = 0;
        for (int i = 0; i < transports.size(); i++) {
            Pipeline.Builder pipeline = Pipeline.builder()
                    .routes(new RouteTable(List.of(route)))
                    .verifier(verifier)
                    .minter(minter)
                    .revocations(revocations)
                    .clock(clock)
                    .challengeLimit(challengeLimit)
                    .paidLimit(RateLimit.unlimited());
            Gateway gateway = Gateway.builder(pipeline)
                    .listen(new InetSocketAddress("127.0.0.1", port + i))
                    .ioThreads(ioThreads)
                    .transport(transports.get(i))
                    .mintExecutor(mintThreads, mintQueue)
                    .accessLog(accessLogs == null ? AccessLogConfig.OFF : new AccessLogConfig(true, 1.0,
                            Optional.of(accessLogs.resolve("access-" + i + ".log"))))
                    .build();
            gateways.add(gateway);
            InetSocketAddress bound = gateway.start().get(0);
            firstPort = i == 0 ? bound.getPort() : firstPort;
            System.err.printf("ProxyBenchServer: gateway on %s -> %s, %s, io.threads=%d, mint=%d/%d, challenge limit %s,"
                    + " access log %s, pid %d%n", bound, upstream, transports.get(i).name(), ioThreads, mintThreads, mintQueue,
                    challengeRate == null ? "unlimited" : challengeRate + "/s",
                    accessLogs == null ? "off" : accessLogs.resolve("access-" + i + ".log"), ProcessHandle.current().pid());
        }

        if (delegated != null) {
            delegated.print();
            new CountDownLatch(1).await();
        }
        String authorization = buyToken("http://127.0.0.1:" + firstPort + "/", node, wallet);
        System.out.println("HEADER=Authorization: " + authorization);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** The folder of the access logs for {@code on} (emptied), null for {@code off}. */
    private static Path accessLogs(String onOrOff) throws IOException {
        if (onOrOff.equals("off")) {
            return null;
        }
        if (!onOrOff.equals("on")) {
            throw new IllegalArgumentException("access_log must be on or off, was " + onOrOff);
        }
        Path dir = Path.of(System.getProperty("access_log.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "turnpike-bench-access").toString()));
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path f : old.filter(f -> f.getFileName().toString().matches("access-\\d+\\.log")).toList()) {
                    Files.delete(f);
                }
            }
        }
        return dir;
    }

    /** A 402 from the gateway, the invoice paid from the dev wallet, the paid request checked to pass. */
    private static String buyToken(String url, EmbeddedNode node, WalletCredentials wallet) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> challenged = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (challenged.statusCode() != 402) {
            throw new IllegalStateException("expected a 402 from " + url + ", got " + challenged.statusCode()
                    + ": " + challenged.body());
        }
        Challenge challenge = switch (L402Headers.parseChallenges(challenged.headers().allValues("www-authenticate"))) {
            case ParseResult.Ok<Challenge> ok -> ok.value();
            case ParseResult.Err<Challenge> err -> throw new IllegalStateException("bad challenge: " + err);
        };
        Preimage preimage = Preimage.of(node.payer(wallet.walletId())
                .pay(challenge.invoice(), new PaymentLimits(1_000_000, 0)).preimage().bytes());
        String authorization = L402Headers.authorizationValue(new Credential(challenge.macaroon(), preimage));
        HttpResponse<String> paid = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        // the upstream may not be up yet (baseline.sh starts it): a 502 still means the token passed
        if (paid.statusCode() == 402 || paid.statusCode() == 401 || paid.statusCode() == 429) {
            throw new IllegalStateException("the paid token was refused: " + paid.statusCode() + ": " + paid.body());
        }
        System.err.println("ProxyBenchServer: token accepted (status " + paid.statusCode()
                + (paid.statusCode() == 502 ? ", upstream not up yet" : "") + ")");
        return authorization;
    }
}
