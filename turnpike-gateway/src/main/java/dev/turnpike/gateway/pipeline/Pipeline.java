package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.accesslog.AccessLog;
import dev.turnpike.gateway.challenge.TokenMint;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.bifrost.InMemoryReplayCache;
import dev.turnpike.bifrost.PopVerifier;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.gateway.metrics.GatewayMetrics;
import dev.turnpike.gateway.metrics.Outcome;
import dev.turnpike.gateway.metrics.ServiceMetrics;
import dev.turnpike.gateway.proxy.Upstreams;
import dev.turnpike.gateway.ratelimit.ClientPrefix;
import dev.turnpike.gateway.ratelimit.Limiter;
import dev.turnpike.gateway.ratelimit.RateLimit;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.GraphqlEndpoint;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.TokenId;
import dev.turnpike.store.api.FreebieLedger;
import io.netty.channel.ChannelHandler;
import java.time.Clock;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The request pipeline, assembled in one place: route → read the GraphQL operations of delegated requests to a
 * service's GraphQL endpoint → authenticate (L402 challenge issuing is rate limited
 * per client network; Bifrost delegated tokens with their DPoP proofs, one replay cache for all services) → rate
 * limit paid traffic per token → forward. Every per-service strategy is chosen
 * here, at start; the request path does not look at configuration.
 */
public final class Pipeline {

    /** Most client networks / tokens with a rate-limit bucket or freebie count at once. */
    private static final int MAX_TRACKED_KEYS = 100_000;
    /** Most tokens remembered as settled under strict_verify (~100 bytes each). */
    private static final int MAX_SETTLED_TOKENS = 1_000_000;

    final Chain chain;
    final TrustedProxies trustedProxies;
    final GatewayMetrics metrics;
    private final ClientPrefix clientPrefix;
    private final AccessLog accessLog;

    private Pipeline(Builder b) {
        this.trustedProxies = b.trustedProxies;
        this.clientPrefix = b.clientPrefix;
        this.metrics = b.metrics;
        this.accessLog = b.accessLog;
        Limiter<ClientPrefix.Network> challengeLimiter = Limiter.of(b.challengeLimit, b.clock, MAX_TRACKED_KEYS);
        PaymentConfirmation confirmation = PaymentConfirmation.reporting(b.settlementLookup == null
                ? PaymentConfirmation.TRUSTING
                : PaymentConfirmation.strict(b.settlementLookup, b.mintExecutor, MAX_SETTLED_TOKENS), b.paymentProofs);
        DelegationAnswers delegation = new DelegationAnswers(b.bridge);
        PopVerifier proofs = PopVerifier.withDefaults(new InMemoryReplayCache(InMemoryReplayCache.DEFAULT_CAPACITY,
                b.clock));
        List<CompiledRoute> routes = new ArrayList<>();
        for (ServiceRoute route : b.routes.routes()) {
            ServiceMetrics m = metrics.service(route.name());
            Authenticator auth = switch (route.auth()) {
                case AuthPolicy.None none -> (exchange, next) -> {
                    exchange.auth = "free";
                    next.proceed(exchange);
                };
                case AuthPolicy.L402 paid -> new L402Authenticator(route, b.verifier,
                        challenges(b, route, paid, challengeLimiter, null), m, confirmation, b.revocations, b.clock);
                case AuthPolicy.Freebie freebie -> new L402Authenticator(route, b.verifier,
                        freebies(b, route, freebie, challenges(b, route, freebie.paid(), challengeLimiter, null)), m,
                        confirmation, b.revocations, b.clock);
                case AuthPolicy.Bifrost bifrost -> new DelegatedAuthenticator(route, bifrost.delegation(), proofs,
                        b.bridgeKeys, (exchange, next) -> {
                            exchange.refused("no_token");
                            exchange.respond(delegation.noToken(), Outcome.UNAUTHORIZED);
                        },
                        delegation, m, b.delegationRevocations, b.clock);
                case AuthPolicy.Either either -> new DelegatedAuthenticator(route, either.delegation(), proofs,
                        b.bridgeKeys, new L402Authenticator(route, b.verifier, challenges(b, route, either.paid(),
                                challengeLimiter, delegation), m, confirmation, b.revocations, b.clock), delegation, m,
                        b.delegationRevocations, b.clock);
            };
            routes.add(new CompiledRoute(route, auth, graphqlGuard(route, delegation),
                    b.upstreams.forwarder(route.name(), route.upstream(), m), m));
        }
        List<Stage> stages = new ArrayList<>(b.apis);
        stages.addAll(Stages.stages(routes, Limiter.<TokenId>of(b.paidLimit, b.clock, MAX_TRACKED_KEYS)));
        this.chain = Chain.of(stages);
    }

    private static GraphqlGuard graphqlGuard(ServiceRoute route, DelegationAnswers answers) {
        Optional<GraphqlEndpoint> endpoint = switch (route.auth()) {
            case AuthPolicy.Bifrost bifrost -> bifrost.delegation().graphql();
            case AuthPolicy.Either either -> either.delegation().graphql();
            default -> Optional.empty();
        };
        return endpoint.map(e -> new GraphqlGuard(route, e, answers)).orElse(null);
    }

    private static Denial freebies(Builder b, ServiceRoute route, AuthPolicy.Freebie freebie, Denial paid) {
        try {
            return new FreebieDenial(route.name(), freebie.freeRequests(), MAX_TRACKED_KEYS, paid, b.clientPrefix,
                    b.freebieLedger, b.freebieWriter);
        } catch (StoreException e) {
            throw new IllegalStateException("the freebie counts of " + route.name() + " could not be loaded", e);
        }
    }

    /** {@code delegation}: for an {@code either} service, what its 402 adds about delegated tokens; else null. */
    private static Denial challenges(Builder b, ServiceRoute route, AuthPolicy.L402 paid,
            Limiter<ClientPrefix.Network> limiter, DelegationAnswers delegation) {
        ServiceSpec.Builder spec = ServiceSpec.builder(route.name())
                .price(paid.price())
                .tier(paid.tier())
                .lifetime(paid.tokenLifetime())
                .memo("L402 token for " + route.name());
        if (!paid.capabilities().isEmpty()) {
            spec.capabilities(paid.capabilities());
        }
        paid.constraints().forEach(spec::constraint);
        return new ChallengeIssuer(spec.build(), Objects.requireNonNull(b.minter, "minter"), b.mintExecutor, limiter,
                b.clientPrefix, delegation);
    }

    /**
     * The handlers, in order, for one client connection (HTTP/1.1) or stream (HTTP/2), {@code scheme} http or https:
     * the access log's recorder, when the log is on, and the exchange handler.
     */
    public ChannelHandler[] newHandlers(String scheme) {
        if (accessLog == null) {
            return new ChannelHandler[] {new ExchangeHandler(this, scheme, null)};
        }
        AccessRecorder recorder = new AccessRecorder(accessLog);
        return new ChannelHandler[] {recorder, new ExchangeHandler(this, scheme, recorder)};
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The meters this pipeline records to. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** How client addresses are grouped into networks, for limits per client. */
    public ClientPrefix clientPrefix() {
        return clientPrefix;
    }

    /** Whether {@code peer} is a trusted proxy (its forwarded headers believed; it speaks for many clients). */
    public boolean isTrustedProxy(InetAddress peer) {
        return trustedProxies.isTrusted(peer);
    }

    /** Builder of {@link Pipeline}; routes, verifier, minter, mint executor, upstreams, metrics and clock are required. */
    /**
     * Builder of {@link Pipeline}: the one place its settings are given, by whoever sets up a gateway
     * ({@code Gateway.builder(pipeline)} then adds the mint executor, upstreams and metrics it owns). Routes,
     * upstreams and metrics are required; a verifier, a minter and a mint executor too when a route is paid.
     */
    public static final class Builder {
        private RouteTable routes;
        private L402Verifier verifier;
        private TokenMint minter;
        private final List<Stage> apis = new ArrayList<>();
        private Executor mintExecutor;
        private SettlementLookup settlementLookup;
        private PaymentProofs paymentProofs = PaymentProofs.IGNORED;
        private FreebieLedger freebieLedger = FreebieLedger.IN_MEMORY;
        private Executor freebieWriter = Runnable::run;
        private Upstreams upstreams;
        private GatewayMetrics metrics;
        private Clock clock = Clock.systemUTC();
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private RateLimit challengeLimit = RateLimit.perSecond(1, 20);
        private ClientPrefix clientPrefix = ClientPrefix.DEFAULT;
        private RateLimit paidLimit = RateLimit.unlimited();
        private RevocationSet revocations;
        private DelegationRevocationSet delegationRevocations = new DelegationRevocationSet();
        private String bridge;
        private List<Ed25519PublicKey> bridgeKeys = List.of();
        private AccessLog accessLog;

        private Builder() {}

        /** Logs every request (its sampled share) to {@code log}; default none. */
        public Builder accessLog(AccessLog log) {
            this.accessLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * The bridge keys whose renew certificates every delegated service accepts: this gateway's own bridge's (each
         * service may add its own {@code bridges}); default none.
         */
        public Builder bridgeKeys(List<Ed25519PublicKey> keys) {
            this.bridgeKeys = List.copyOf(keys);
            return this;
        }

        /**
         * Where applications log in to get delegated tokens (the bridge's {@code /api/auth}, absolute or relative to
         * the gateway), named in the answers of {@code bifrost} and {@code either} services; default none.
         */
        public Builder bridge(String url) {
            this.bridge = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * The verifier's own revocation check; the caller keeps it current. With it, tokens found valid are cached
         * per event loop and only their revocation (in this set) and expiry (by {@link #clock}, which must be the
         * verifier's clock) are checked again (see {@code VerifiedTokens}); without it, every request is verified
         * in full.
         */
        public Builder revocations(RevocationSet revocations) {
            this.revocations = Objects.requireNonNull(revocations, "revocations");
            return this;
        }

        /**
         * The revoked delegated tokens, which {@code bifrost} and {@code either} services refuse (checked on every
         * cached hit too); the caller keeps it current. Default: an empty set in memory.
         */
        public Builder delegationRevocations(DelegationRevocationSet revocations) {
            this.delegationRevocations = Objects.requireNonNull(revocations, "revocations");
            return this;
        }

        public Builder routes(RouteTable routes) {
            this.routes = routes;
            return this;
        }

        /** Verifies tokens on the event loop: its root key store must be cached (no database on the hot path). */
        public Builder verifier(L402Verifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** Mints the tokens the 402 challenges offer, e.g. a {@link Minter} wrapped to book each token. */
        public Builder minter(TokenMint minter) {
            this.minter = Objects.requireNonNull(minter, "minter");
            return this;
        }

        public Builder minter(Minter minter) {
            return minter(minter::mint);
        }

        /** Serves {@code api} under its prefix, ahead of the routes, running it on {@code executor}. */
        public Builder mount(JsonApi api, Executor executor) {
            this.apis.add(new ApiStage(api, executor));
            return this;
        }

        /** Runs minting (blocking: Lightning backend, key store); should be bounded and reject when full. */
        public Builder mintExecutor(Executor mintExecutor) {
            this.mintExecutor = mintExecutor;
            return this;
        }

        /**
         * Turns on {@code strict_verify}: a valid token is only used once {@code lookup} reports its invoice settled
         * (asked on the mint executor, once per token). Without it the preimage is the proof of payment.
         */
        public Builder strictSettlement(SettlementLookup lookup) {
            this.settlementLookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** Who learns of each payment a valid token proves (the books); nobody by default. */
        public Builder paymentProofs(PaymentProofs proofs) {
            this.paymentProofs = Objects.requireNonNull(proofs, "proofs");
            return this;
        }

        /** Keeps freebie counts across restarts; {@code writer} runs the (blocking) writes off the event loop. */
        public Builder freebieLedger(FreebieLedger ledger, Executor writer) {
            this.freebieLedger = Objects.requireNonNull(ledger, "ledger");
            this.freebieWriter = Objects.requireNonNull(writer, "writer");
            return this;
        }

        public Builder upstreams(Upstreams upstreams) {
            this.upstreams = upstreams;
            return this;
        }

        public Builder metrics(GatewayMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** The clock of rate limits and token expiry; default the system's (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Proxies in front of the gateway whose X-Forwarded-For is believed; default none. */
        public Builder trustedProxies(TrustedProxies trustedProxies) {
            this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
            return this;
        }

        /** Challenges (402s) per client network (see {@link #clientPrefix}); default 1/s with a burst of 20. */
        public Builder challengeLimit(RateLimit limit) {
            this.challengeLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        /** How client addresses are grouped for challenge limits and freebies (default /24, /48). */
        public Builder clientPrefix(ClientPrefix prefix) {
            this.clientPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Paid requests per token id; default unlimited. */
        public Builder paidLimit(RateLimit limit) {
            this.paidLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        public Pipeline build() {
            Objects.requireNonNull(routes, "routes");
            Objects.requireNonNull(upstreams, "upstreams");
            Objects.requireNonNull(metrics, "metrics");
            boolean paid = routes.routes().stream().anyMatch(r -> r.auth() instanceof AuthPolicy.L402
                    || r.auth() instanceof AuthPolicy.Freebie || r.auth() instanceof AuthPolicy.Either);
            if (paid && (verifier == null || minter == null || mintExecutor == null)) {
                throw new IllegalStateException("paid services need a verifier, a minter and a mint executor");
            }
            return new Pipeline(this);
        }
    }
}
