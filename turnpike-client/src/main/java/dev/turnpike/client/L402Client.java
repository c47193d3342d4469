package dev.turnpike.client;

import dev.turnpike.client.pay.ResumablePayer;
import dev.turnpike.client.token.FileTokenStore;
import dev.turnpike.client.token.TokenStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An HTTP client that pays for L402 tokens by itself, under a budget (the seed's {@code loopd} role).
 *
 * <pre>{@code
 * try (L402Client client = L402Client.builder()
 *         .payer(LnbitsPayer.builder(URI.create("https://lnbits.example"), adminKey).build())
 *         .maxCostSats(100)
 *         .build()) {
 *     HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://api.example/quote")).build(),
 *             HttpResponse.BodyHandlers.ofString());
 * }
 * }</pre>
 *
 * <p>For each request: the origin's stored paid token is attached (unless the request has an {@code Authorization}
 * header). On a {@code 402} with an L402 challenge the client, holding the origin's lock (threads and processes):
 * <ol>
 *   <li>uses the origin's token if another request stored one meanwhile (no payment);</li>
 *   <li>forgets the stored token if it is the one the server just refused;</li>
 *   <li>resumes an interrupted payment (a <em>pending</em> token): asks the payer how it ended, stores the token if it
 *       succeeded, waits (bounded) while it is in flight, and only pays anew if the wallet has no record of it or
 *       it failed;</li>
 *   <li>checks the challenge: an L402 identifier, a valid signed invoice whose payment hash is the macaroon's, an
 *       amount (from the decoded invoice) within the max cost, not expired — else {@link ChallengeRefusedException},
 *       nothing paid;</li>
 *   <li>stores a pending token, pays through the {@link ResumablePayer} (limits: max cost, max fee), stores the paid
 *       token;</li>
 * </ol>
 * and retries the request once with {@code Authorization: L402 <macaroon>:<preimage>}. The retry's response is
 * returned whatever it is, so one call pays at most once. Without a payer, 402s are returned as they are.
 *
 * <p>Request bodies must be re-sendable (e.g. {@code BodyPublishers.ofString/ofByteArray/ofFile}) since a paid
 * request is sent twice. Redirects are not followed by the default HTTP client (a token must not follow a redirect
 * to another origin). Thread-safe.
 */
public final class L402Client implements AutoCloseable {

    /** lnget's default max cost: 1000 sat. */
    public static final long DEFAULT_MAX_COST_MSAT = 1_000_000;
    /** lnget's default max routing fee: 10 sat. */
    public static final long DEFAULT_MAX_FEE_MSAT = 10_000;

    private final List<Interceptor> chain;
    private final HttpClient http;
    private final boolean ownsHttp;
    private final TokenStore store;
    private final long maxCostMsat;
    private final long maxFeeMsat;

    private L402Client(Builder b) {
        this.ownsHttp = b.httpClient == null;
        this.http = ownsHttp
                ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build()
                : b.httpClient;
        this.store = b.store != null ? b.store
                : new FileTokenStore(b.tokenDirectory != null ? b.tokenDirectory : FileTokenStore.defaultDirectory());
        this.maxCostMsat = b.maxCostMsat;
        this.maxFeeMsat = b.maxFeeMsat;
        Events events = new Events(b.listener);
        List<Interceptor> list = new ArrayList<>(b.interceptors);
        list.add(new TokenAttachingInterceptor(store, events));
        list.add(new PaymentInterceptor(b.payer, store, b.maxCostMsat, b.maxFeeMsat, b.clock, b.recoveryTimeout,
                b.pollInterval, events));
        list.add(new TransportInterceptor(http));
        this.chain = List.copyOf(list);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a request as {@link HttpClient#send} does, paying for a token when the server asks for one.
     *
     * @throws ChallengeRefusedException the client refused to pay the challenge (nothing paid)
     * @throws L402PaymentException      the payment failed or its outcome is unknown (see its outcome)
     * @throws dev.turnpike.client.token.TokenStoreException the token store failed
     * @throws IOException               as {@link HttpClient#send}
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return new RealChain<>(chain, 0, request, handler).proceed(request);
    }

    public TokenStore tokenStore() {
        return store;
    }

    public long maxCostMsat() {
        return maxCostMsat;
    }

    public long maxFeeMsat() {
        return maxFeeMsat;
    }

    /** Closes the HTTP client if this client created it. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    /** Configures an {@link L402Client}. */
    public static final class Builder {
        private ResumablePayer payer;
        private long maxCostMsat = DEFAULT_MAX_COST_MSAT;
        private long maxFeeMsat = DEFAULT_MAX_FEE_MSAT;
        private TokenStore store;
        private Path tokenDirectory;
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;
        private Consumer<L402Event> listener;
        private Duration recoveryTimeout = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofMillis(500);
        private final List<Interceptor> interceptors = new ArrayList<>();

        private Builder() {}

        /** What pays the invoices; without one, 402 challenges are returned to the caller unpaid. */
        public Builder payer(ResumablePayer payer) {
            this.payer = Objects.requireNonNull(payer, "payer");
            return this;
        }

        /** The most one token may cost, checked on the decoded invoice; default 1000 sat. */
        public Builder maxCostMsat(long msat) {
            if (msat <= 0) {
                throw new IllegalArgumentException("max cost must be positive: " + msat);
            }
            this.maxCostMsat = msat;
            return this;
        }

        public Builder maxCostSats(long sats) {
            return maxCostMsat(Math.multiplyExact(sats, 1000L));
        }

        /** The most routing fee one payment may cost; default 10 sat. */
        public Builder maxFeeMsat(long msat) {
            if (msat < 0) {
                throw new IllegalArgumentException("max fee must not be negative: " + msat);
            }
            this.maxFeeMsat = msat;
            return this;
        }

        public Builder maxFeeSats(long sats) {
            return maxFeeMsat(Math.multiplyExact(sats, 1000L));
        }

        /** Where tokens are kept; by default a {@link FileTokenStore} in {@link #tokenDirectory}. */
        public Builder tokenStore(TokenStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The folder of the default file store; {@link FileTokenStore#defaultDirectory()} if not given. */
        public Builder tokenDirectory(Path directory) {
            this.tokenDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The clock that decides whether an invoice has expired; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The transport; by default a new client that does not follow redirects. Not closed by the L402 client. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** Told of every step (see {@link L402Event}); called on the requesting thread. */
        public Builder listener(Consumer<L402Event> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How long to wait for an interrupted payment that is still in flight before giving up; 30 s. */
        public Builder recoveryTimeout(Duration timeout) {
            this.recoveryTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How often to ask about a payment in flight; 500 ms. */
        public Builder pollInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("poll interval must be positive");
            }
            this.pollInterval = interval;
            return this;
        }

        /** Adds an interceptor before the client's own (token attaching, payment, transport), in call order. */
        public Builder addInterceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public L402Client build() {
            return new L402Client(this);
        }
    }
}
