package dev.turnpike.cli;

import dev.turnpike.devnode.EmbeddedDevWallets;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.gateway.api.AdminApi;
import dev.turnpike.gateway.api.AdminSecret;
import dev.turnpike.gateway.api.DevWalletApi;
import dev.turnpike.gateway.bifrost.BifrostApi;
import dev.turnpike.gateway.bifrost.SessionService;
import dev.turnpike.gateway.challenge.InvoiceChallenger;
import dev.turnpike.gateway.config.Cidr;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.gateway.config.LightningConfig;
import dev.turnpike.gateway.config.RateLimits;
import dev.turnpike.gateway.config.StoreConfig;
import dev.turnpike.gateway.config.TlsConfig;
import dev.turnpike.gateway.ledger.LedgerRecorder;
import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.gateway.ratelimit.ClientPrefix;
import dev.turnpike.gateway.ratelimit.RateLimit;
import dev.turnpike.gateway.server.Gateway;
import dev.turnpike.gateway.server.GatewayTls;
import dev.turnpike.gateway.server.SelfSignedCertificate;
import dev.turnpike.gateway.server.Transport;
import dev.turnpike.io.PrivateFiles;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.Minter;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.HealthReporting;
import dev.turnpike.lightning.node.InvoiceBackend;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.lightning.node.NodeHealth;
import dev.turnpike.lightning.node.Subscription;
import dev.turnpike.nodes.cln.ClnInvoiceBackend;
import dev.turnpike.nodes.lnbits.LnbitsInvoiceBackend;
import dev.turnpike.nodes.lnd.LndInvoiceBackend;
import dev.turnpike.store.CachedRootKeyStore;
import dev.turnpike.store.Database;
import dev.turnpike.store.JdbcFreebieLedger;
import dev.turnpike.store.JdbcRootKeyStore;
import dev.turnpike.store.JdbcSessionStore;
import dev.turnpike.store.JdbcTokenLedger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running gateway assembled from a {@link GatewayConfig}: the SQLite store, the embedded Lightning node,
 * the ledger (kept current from minting and settlements), the revocation set (filled from the ledger),
 * the minter and verifier, the proxy, the dev wallet API and the admin API. Everything a restart needs
 * is in the store and the state folder, so a token paid before a restart works after it.
 */
final class GatewayRuntime implements AutoCloseable {

    private static final int ROOT_KEY_CACHE = 100_000;

    /** What to close, the last opened first. */
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Gateway gateway;
    private EmbeddedNode node;
    private List<InetSocketAddress> listening;
    private Optional<URI> devWalletApi;
    private Optional<URI> bifrost = Optional.empty();

    private GatewayRuntime() {}

    /** Starts everything the configuration describes; on failure, closes what was opened. */
    static GatewayRuntime start(GatewayConfig config, Clock clock, SecureRandom random) throws Exception {
        GatewayRuntime runtime = new GatewayRuntime();
        try {
            runtime.init(config, clock, random);
            return runtime;
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void init(GatewayConfig config, Clock clock, SecureRandom random) throws Exception {
        PrivateFiles.createDirectory(config.dataDir());
        Database database = open(config.store());
        resources.add(0, database);
        InvoiceBackend backend = openBackend(config, clock, random);
        HealthReporting lightning = backend instanceof HealthReporting reporting ? reporting
                : upSince(clock.instant()); // the embedded node is part of this process

        JdbcRootKeyStore rootKeys = new JdbcRootKeyStore(database, clock);
        JdbcTokenLedger ledger = new JdbcTokenLedger(database);
        RevocationSet revocations = new RevocationSet();
        ledger.revoked().forEach(revocations::revoke);

        ExecutorService bookkeeping = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "turnpike-bookkeeping");
            t.setDaemon(true);
            return t;
        });
        resources.add(0, () -> { // let queued settlements reach the books before the store closes
            bookkeeping.shutdown();
            bookkeeping.awaitTermination(5, TimeUnit.SECONDS);
        });
        LedgerRecorder recorder = new LedgerRecorder(ledger, bookkeeping, clock);
        Subscription settlements = backend.subscribe(recorder);
        resources.add(0, settlements);

        Minter.Builder minter = Minter.builder()
                .challenger(new InvoiceChallenger(backend, config.invoiceExpiry()))
                .rootKeyWriter(rootKeys)
                .random(random)
                .clock(clock);
        if (config.allowsTokensWithoutExpiry()) {
            minter.allowTokensWithoutExpiry();
        }
        L402Verifier verifier = L402Verifier.builder()
                .rootKeyStore(new CachedRootKeyStore(rootKeys, ROOT_KEY_CACHE))
                .revocationCheck(revocations)
                .clock(clock)
                .build();

        Gateway.Builder gw = Gateway.builder()
                .http2(config.http2())
                .transport(Transport.named(config.transport()))
                .routes(config.routes())
                .verifier(verifier)
                .minter(recorder.booking(minter.build()::mint))
                .revocations(revocations)
                .trustedProxies(config.trustedProxies().stream().map(Cidr::toString).toList())
                .challengeRateLimit(rate(config.rateLimits().challengesPerIp().limit()))
                .clientPrefix(new ClientPrefix(config.rateLimits().challengesPerIp().ipv4Prefix(),
                        config.rateLimits().challengesPerIp().ipv6Prefix()))
                .paidRateLimit(rate(config.rateLimits().requestsPerToken()))
                .freebieLedger(new JdbcFreebieLedger(database), bookkeeping)
                .clock(clock);
        if (config.lightning().strictVerify()) {
            gw.strictSettlement(hash -> backend.lookup(PaymentHash.of(hash.toByteArray()))
                    .filter(invoice -> invoice.state() == InvoiceState.SETTLED).isPresent());
        }
        switch (config.tls()) {
            case TlsConfig.Off off -> gw.listen(config.listen().toSocketAddress());
            case TlsConfig.PemFiles pem ->
                    gw.listenTls(config.listen().toSocketAddress(), GatewayTls.fromPem(pem.certFile(), pem.keyFile()));
            case TlsConfig.SelfSigned self -> gw.listenTls(config.listen().toSocketAddress(),
                    SelfSignedCertificate.loadOrCreate(self.certFile(), self.keyFile(), random, clock.instant()));
        }
        String devWalletPrefix = config.lightning().backend() instanceof LightningConfig.Embedded embedded
                && embedded.devWalletApi().enabled() ? embedded.devWalletApi().prefix() : null;
        if (devWalletPrefix != null) {
            gw.mount(new DevWalletApi(new EmbeddedDevWallets(node), devWalletPrefix));
        }
        if (config.bifrost().enabled()) {
            BifrostApi bridge = new BifrostApi(new SessionService(new JdbcSessionStore(database), config.bifrost(), clock,
                    random), random);
            resources.add(0, bridge);
            gw.mount(bridge);
        }
        if (config.admin().enabled()) {
            AdminSecret secret = AdminSecret.loadOrCreate(config.dataDir().resolve("admin.secret"), random);
            gw.admin(config.admin().listen().toSocketAddress(), new AdminApi(ledger, revocations, secret,
                    () -> gateway().metrics().registry().scrape(), lightning, clock));
        }
        gateway = gw.build();
        resources.add(0, gateway);
        gateway.metrics().lightning(lightning);
        listening = gateway.start();
        String scheme = config.tls() instanceof TlsConfig.Off ? "http" : "https";
        devWalletApi = Optional.ofNullable(devWalletPrefix)
                .map(p -> URI.create(scheme + "://" + hostPort(listening.get(0)) + p));
        if (config.bifrost().enabled()) {
            bifrost = Optional.of(URI.create(config.bifrost().publicBaseUrl().map(URI::toString)
                    .orElse(scheme + "://" + hostPort(listening.get(0))) + config.bifrost().prefix()));
        }
    }

    /** The configured node: the embedded one (kept for the dev wallets), or a client of a real one. */
    private InvoiceBackend openBackend(GatewayConfig config, Clock clock, SecureRandom random) throws IOException {
        Network network = config.lightning().network();
        InvoiceBackend backend = switch (config.lightning().backend()) {
            case LightningConfig.Embedded embedded -> node = EmbeddedNode.builder()
                    .dataDirectory(config.dataDir().resolve("node"))
                    .network(network)
                    .clock(clock)
                    .random(random)
                    .build();
            case LightningConfig.Lnd lnd -> LndInvoiceBackend.builder(hostPort(lnd.host(), lnd.port()), lnd.tlsCert(),
                    lnd.macaroon()).network(network).clock(clock).random(random).build();
            case LightningConfig.Cln cln -> {
                ClnInvoiceBackend.Builder b = ClnInvoiceBackend.builder(cln.url(), cln.rune().read())
                        .network(network).clock(clock).random(random);
                cln.tlsCert().ifPresent(b::trustCertificate);
                yield b.build();
            }
            case LightningConfig.Lnbits lnbits -> LnbitsInvoiceBackend.builder(lnbits.url(), lnbits.invoiceKey().read())
                    .network(network).clock(clock).random(random).build();
        };
        if (backend instanceof AutoCloseable closeable) {
            resources.add(0, closeable);
        }
        return backend;
    }

    private static HealthReporting upSince(Instant since) {
        NodeHealth up = new NodeHealth(NodeHealth.Status.UP, since, "");
        return () -> up;
    }

    Gateway gateway() {
        return gateway;
    }

    EmbeddedNode node() {
        return node;
    }

    /** The bound main listeners (ports resolved). */
    List<InetSocketAddress> listening() {
        return listening;
    }

    /** The dev wallet API's base URL, when it is served. */
    Optional<URI> devWalletApi() {
        return devWalletApi;
    }

    /** The Bifrost bridge's base URL (its API is under {@code /api/auth}), when it is served. */
    Optional<URI> bifrost() {
        return bifrost;
    }

    Optional<InetSocketAddress> adminAddress() {
        return gateway.adminAddress();
    }

    static String hostPort(InetSocketAddress a) {
        return hostPort(a.getAddress().getHostAddress(), a.getPort());
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static Database open(StoreConfig store) throws IOException {
        return switch (store) {
            case StoreConfig.Sqlite sqlite -> Database.sqlite(sqlite.path());
            case StoreConfig.Postgres pg -> throw new IllegalStateException(
                    "the postgres store is not supported yet; use store: sqlite");
        };
    }

    private static RateLimit rate(RateLimits.RateLimit limit) {
        return limit.enabled() ? RateLimit.perSecond(limit.perSecond(), (int) Math.min(Integer.MAX_VALUE, limit.burst()))
                : RateLimit.unlimited();
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // closing the rest matters more than reporting this one
            }
        }
    }
}
