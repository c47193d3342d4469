package dev.turnpike.cli;

import dev.turnpike.devnode.EmbeddedDevWallets;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.gateway.accesslog.LogStream;
import dev.turnpike.gateway.api.AdminApi;
import dev.turnpike.gateway.api.AdminDevWallets;
import dev.turnpike.gateway.api.AdminSecret;
import dev.turnpike.gateway.api.DevWalletApi;
import dev.turnpike.gateway.api.TokenIntrospector;
import dev.turnpike.gateway.bifrost.BifrostApi;
import dev.turnpike.gateway.bifrost.BridgeKey;
import dev.turnpike.gateway.bifrost.SessionService;
import dev.turnpike.gateway.challenge.InvoiceChallenger;
import dev.turnpike.gateway.config.ClientConnections;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.gateway.config.LightningConfig;
import dev.turnpike.gateway.config.RateLimits;
import dev.turnpike.gateway.config.TlsConfig;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.gateway.ledger.LedgerRecorder;
import dev.turnpike.gateway.ledger.RevocationEvents;
import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.gateway.metrics.GatewayMetrics;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.pipeline.TrustedProxies;
import dev.turnpike.gateway.ratelimit.ClientPrefix;
import dev.turnpike.gateway.server.Gateway;
import dev.turnpike.gateway.server.GatewayTls;
import dev.turnpike.gateway.server.SelfSignedCertificate;
import dev.turnpike.gateway.server.ServerLimits;
import dev.turnpike.gateway.server.Transport;
import dev.turnpike.io.PrivateFiles;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.TokenId;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.HealthReporting;
import dev.turnpike.lightning.node.InvoiceBackend;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.lightning.node.NodeHealth;
import dev.turnpike.nodes.cln.ClnInvoiceBackend;
import dev.turnpike.nodes.lnbits.LnbitsInvoiceBackend;
import dev.turnpike.nodes.lnd.LndInvoiceBackend;
import dev.turnpike.store.CachedRootKeyStore;
import dev.turnpike.store.Database;
import dev.turnpike.store.JdbcDelegationRevocationStore;
import dev.turnpike.store.JdbcFreebieLedger;
import dev.turnpike.store.JdbcRootKeyStore;
import dev.turnpike.store.JdbcSessionStore;
import dev.turnpike.store.JdbcTokenLedger;
import dev.turnpike.store.api.ChangeFeed;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway assembled from a {@link GatewayConfig}, in the order of {@link #start}: the store, the
 * Lightning backend, the books (ledger, revocations, settlements), the pipeline (minter and verifier), the
 * gateway's listeners, the APIs it serves (dev wallet, Bifrost bridge, admin), then the start. Everything a
 * restart needs is in the store and the state folder, so a token paid before a restart works after it.
 */
final class GatewayRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);
    private static final int ROOT_KEY_CACHE = 100_000;

    private final GatewayConfig config;
    private final Clock clock;
    private final SecureRandom random;
    /** What to close, the last opened first. */
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Database database;
    private InvoiceBackend backend;
    private EmbeddedNode node;
    private HealthReporting lightningHealth;
    private JdbcRootKeyStore rootKeys;
    private JdbcTokenLedger ledger;
    private final RevocationSet revocations = new RevocationSet();
    /** The meters of /metrics: the gateway's, payments booked, Bifrost sessions. */
    private final GatewayMetrics metrics = GatewayMetrics.create();
    private DelegationRevocationSet delegationRevocations;
    /** Verifies L402 tokens, for the routes and for introspection. */
    private L402Verifier verifier;
    private ExecutorService bookkeeping;
    private LedgerRecorder recorder;
    /** The main listener's TLS (the admin listener's too with {@code admin.tls}); null when plain. */
    private GatewayTls tls;
    private Gateway gateway;
    private List<InetSocketAddress> listening;
    private Optional<URI> devWalletApi = Optional.empty();
    private Optional<URI> bifrost = Optional.empty();
    /** The Bifrost bridge's signing key, in the state folder; null when the bridge is off. */
    private BridgeKey bridgeKey;

    private GatewayRuntime(GatewayConfig config, Clock clock, SecureRandom random) {
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    /** Starts everything the configuration describes; on failure, closes what was opened. */
    static GatewayRuntime start(GatewayConfig config, Clock clock, SecureRandom random) throws Exception {
        return start(config, clock, random, Optional.empty());
    }

    /** {@code logStream}: where access lines without a file of their own go directly (else through SLF4J). */
    static GatewayRuntime start(GatewayConfig config, Clock clock, SecureRandom random, Optional<LogStream> logStream)
            throws Exception {
        GatewayRuntime runtime = new GatewayRuntime(config, clock, random);
        try {
            runtime.openStore();
            runtime.openLightning();
            runtime.openBooks();
            Gateway.Builder gateway = runtime.listeners(runtime.pipeline());
            logStream.ifPresent(gateway::logStream);
            runtime.mountApis(gateway);
            runtime.database.listenForChanges();
            runtime.startGateway(gateway);
            return runtime;
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * The state folder, the bridge's signing key in it, and the database: SQLite in it (or elsewhere, as configured), or PostgreSQL, whose password
     * is read now (a rotated file is picked up at the next start). Either way migrated to the current schema.
     */
    private void openStore() throws IOException {
        PrivateFiles.createDirectory(config.dataDir());
        PrivateFiles.requireOwnerOnlyDirectory(config.dataDir(), "the data folder");
        database = Stores.open(config.store());
        resources.add(0, database);
        if (config.bifrost().enabled()) {
            bridgeKey = BridgeKey.loadOrCreate(config.dataDir().resolve(BridgeKey.FILE_NAME), random);
        }
    }

    /** The node that issues invoices; the embedded one is part of this process, so always up. */
    private void openLightning() throws IOException {
        backend = openBackend();
        lightningHealth = backend instanceof HealthReporting reporting ? reporting : upSince(clock.instant());
    }

    /**
     * Root keys, the token ledger and the revocations it holds, the revoked delegated tokens, and the bookkeeping
     * thread on which settlements reported by the backend are booked.
     */
    private void openBooks() throws Exception {
        rootKeys = new JdbcRootKeyStore(database);
        ledger = new JdbcTokenLedger(database);
        ledger.revoked().forEach(revocations::revoke);
        delegationRevocations = DelegationRevocationSet.load(new JdbcDelegationRevocationStore(database),
                clock.instant());
        followRevocations(database.changeFeed());
        bookkeeping = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "turnpike-bookkeeping");
            t.setDaemon(true);
            return t;
        });
        resources.add(0, () -> { // let queued settlements reach the books before the store closes
            bookkeeping.shutdown();
            bookkeeping.awaitTermination(5, TimeUnit.SECONDS);
        });
        recorder = new LedgerRecorder(ledger, bookkeeping, clock, metrics::payment);
        resources.add(0, backend.subscribe(recorder));
    }

    /**
     * Revocations made through the other gateways on the same database, as they happen and at each resync: an L402
     * token's id comes with the news; delegation revocations are read again (they are few, and the news carries
     * only the token's hash, not who revoked it).
     */
    private void followRevocations(ChangeFeed changes) {
        changes.subscribe(ChangeFeed.Topic.TOKEN_REVOCATION, id -> {
            TokenId token = TokenId.fromHex(id);
            if (revocations.revoke(token)) { // this gateway's own revocations come back too: already known
                RevocationEvents.token(token, "change_feed");
            }
        });
        changes.subscribe(ChangeFeed.Topic.DELEGATION_REVOCATION, hash -> reloadRevocations(false));
        changes.onResync(() -> reloadRevocations(true));
    }

    private void reloadRevocations(boolean tokensToo) {
        try {
            if (tokensToo) {
                ledger.revoked().forEach(revocations::revoke);
            }
            delegationRevocations.reload(clock.instant());
        } catch (StoreException e) {
            LOG.warn("revocations could not be reloaded: {}", e.getMessage());
        }
    }

    /** The request pipeline: the routes, tokens minted (and booked) and verified, rate limits, trusted proxies. */
    private Pipeline.Builder pipeline() {
        RateLimits.IpRateLimit challenges = config.rateLimits().challengesPerIp();
        verifier = newVerifier();
        Pipeline.Builder pipeline = Pipeline.builder()
                .routes(config.routes())
                .verifier(verifier)
                .minter(minter()::mint)
                .paymentProofs(recorder::paymentProven)
                .revocations(revocations)
                .delegationRevocations(delegationRevocations)
                .trustedProxies(TrustedProxies.of(config.trustedProxies()))
                .challengeLimit(challenges.limit().tokenBucket())
                .clientPrefix(new ClientPrefix(challenges.ipv4Prefix(), challenges.ipv6Prefix()))
                .paidLimit(config.rateLimits().requestsPerToken().tokenBucket())
                .freebieLedger(new JdbcFreebieLedger(database), bookkeeping)
                .clock(clock);
        if (config.bifrost().enabled()) {
            pipeline.bridge(config.bifrost().publicBaseUrl().map(URI::toString).orElse("")
                    + config.bifrost().prefix() + "/api/auth");
            pipeline.bridgeKeys(List.of(bridgeKey.publicKey()));
        }
        if (config.lightning().strictVerify()) {
            pipeline.strictSettlement(hash -> backend.lookup(PaymentHash.of(hash.toByteArray()))
                    .filter(invoice -> invoice.state() == InvoiceState.SETTLED).isPresent());
        }
        return pipeline;
    }

    private Minter minter() {
        Minter.Builder minter = Minter.builder()
                .challenger(new InvoiceChallenger(backend, config.invoiceExpiry()))
                .tokenWriter(recorder::minted)
                .random(random)
                .clock(clock);
        if (config.allowsTokensWithoutExpiry()) {
            minter.allowTokensWithoutExpiry();
        }
        return minter.build();
    }

    private L402Verifier newVerifier() {
        return L402Verifier.builder()
                .rootKeyStore(new CachedRootKeyStore(rootKeys, ROOT_KEY_CACHE))
                .revocationCheck(revocations)
                .clock(clock)
                .build();
    }

    /** The main listener, plain or TLS (with HSTS), on the configured socket layer. */
    private Gateway.Builder listeners(Pipeline.Builder pipeline) throws Exception {
        ClientConnections clients = config.clientConnections();
        Gateway.Builder gw = Gateway.builder(pipeline)
                .http2(config.http2())
                .accessLog(config.accessLog())
                .metrics(metrics)
                .transport(Transport.of(config.transport()))
                .limits(ServerLimits.DEFAULT.withClientConnections(clients.headerTimeout(), clients.bodyIdleTimeout(),
                        clients.idleTimeout(), clients.maxPerNetwork()))
                .strictTransportSecurity(config.tls().strictTransportSecurity().orElse(null));
        InetSocketAddress listen = config.listen().toSocketAddress();
        tls = switch (config.tls()) {
            case TlsConfig.Off off -> null;
            case TlsConfig.PemFiles pem -> GatewayTls.fromPem(pem.certFile(), pem.keyFile());
            case TlsConfig.SelfSigned self ->
                    SelfSignedCertificate.loadOrCreate(self.certFile(), self.keyFile(), random, clock.instant());
        };
        return tls == null ? gw.listen(listen) : gw.listenTls(listen, tls);
    }

    /** The APIs served besides the routes: the dev wallets, the Bifrost bridge, and the admin API on its own port. */
    private void mountApis(Gateway.Builder gw) throws IOException {
        devWalletPrefix().ifPresent(prefix -> gw.mount(new DevWalletApi(new EmbeddedDevWallets(node), prefix)));
        if (config.bifrost().enabled()) {
            SessionService sessions = new SessionService(new JdbcSessionStore(database), config.bifrost(), clock, random,
                    metrics::bifrostSession);
            sessions.listenTo(database.changeFeed());
            BifrostApi bridge = new BifrostApi(sessions, bridgeKey, delegationRevocations, random);
            resources.add(0, bridge);
            gw.mount(bridge);
        }
        if (config.admin().enabled()) {
            AdminSecret secret = AdminSecret.loadOrCreate(config.dataDir().resolve("admin.secret"), random);
            gw.admin(config.admin().listen().toSocketAddress(), new AdminApi(ledger, revocations,
                    delegationRevocations, new TokenIntrospector(verifier, ledger, delegationRevocations, clock),
                    secret, () -> gateway().metrics().registry().scrape(), lightningHealth, clock)
                    .devWallets(adminDevWallets()));
            if (config.admin().tls()) {
                gw.adminTls(tls);
            }
        }
    }

    /** The admin API's dev wallets: the embedded node's when its dev wallet API is served, else why not. */
    private AdminDevWallets adminDevWallets() {
        if (devWalletPrefix().isPresent()) {
            return AdminDevWallets.serving(new EmbeddedDevWallets(node), () -> devWalletApi.orElseThrow(),
                    config.lightning().network());
        }
        return AdminDevWallets.absent(node == null
                ? "this gateway has no dev wallets: its Lightning backend is a real node, not the embedded one"
                : "this gateway's dev wallet API is off (lightning.dev_wallet_api.enabled: false)");
    }

    /** Binds the listeners; the APIs' URLs follow from the bound address. */
    private void startGateway(Gateway.Builder gw) throws InterruptedException {
        gateway = gw.build();
        resources.add(0, gateway);
        gateway.metrics().lightning(lightningHealth);
        listening = gateway.start();
        String base = (config.tls() instanceof TlsConfig.Off ? "http" : "https") + "://" + hostPort(listening.get(0));
        devWalletApi = devWalletPrefix().map(p -> URI.create(base + p));
        if (config.bifrost().enabled()) {
            bifrost = Optional.of(URI.create(config.bifrost().publicBaseUrl().map(URI::toString).orElse(base)
                    + config.bifrost().prefix()));
        }
    }

    /** Where the dev wallet API is served: with the embedded node, when enabled. */
    private Optional<String> devWalletPrefix() {
        return config.lightning().backend() instanceof LightningConfig.Embedded embedded
                && embedded.devWalletApi().enabled() ? Optional.of(embedded.devWalletApi().prefix()) : Optional.empty();
    }

    /** The configured node: the embedded one (kept for the dev wallets), or a client of a real one. */
    private InvoiceBackend openBackend() throws IOException {
        Network network = config.lightning().network();
        InvoiceBackend opened = switch (config.lightning().backend()) {
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
        if (opened instanceof AutoCloseable closeable) {
            resources.add(0, closeable);
        }
        return opened;
    }

    private static HealthReporting upSince(Instant since) {
        NodeHealth up = new NodeHealth(NodeHealth.Status.UP, since, "");
        return () -> up;
    }

    Gateway gateway() {
        return gateway;
    }

    /** The revoked delegated tokens this gateway and its bridge refuse. */
    DelegationRevocationSet delegationRevocations() {
        return delegationRevocations;
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
