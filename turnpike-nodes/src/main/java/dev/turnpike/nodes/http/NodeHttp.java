package dev.turnpike.nodes.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The one HTTP transport to a node's REST API, shared by the gateway's invoice backends and the client's payers.
 *
 * <p>Every call carries the {@link NodeCredential} header, finishes (headers and body) within its timeout, and reads at
 * most {@link Builder#maxResponseBytes} of body. TLS trusts exactly one PEM certificate file when one is given
 * ({@link PemTrust}), otherwise the system's certificate authorities; plain {@code http} is allowed to loopback only.
 *
 * <p>Failures: connection refused, timeouts and broken connections are {@link NodeUnreachableException}; answers are
 * classified by {@link #expectJson}: 401/403 (or what the {@link NodeDialect} says is an authentication failure) →
 * {@link NodeAuthenticationException}, other 4xx → {@link NodeRejectedException}, 5xx and malformed bodies →
 * {@link NodeFailedException}. Each outcome updates the {@link HealthTracker}. Thread-safe.
 */
public final class NodeHttp {

    private final URI base;
    private final NodeCredential credential;
    private final NodeDialect dialect;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxResponseBytes;
    private final HealthTracker health;

    private NodeHttp(Builder b) {
        this.base = b.base;
        this.credential = b.credential;
        this.dialect = b.dialect;
        this.requestTimeout = b.requestTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.health = b.health != null ? b.health : new HealthTracker(Clock.systemUTC());
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (b.sslContext != null) {
            client.sslContext(b.sslContext);
        }
        this.http = client.build();
    }

    /**
     * @param baseUrl the API's root, e.g. {@code https://127.0.0.1:8080}; paths given to the calls are appended
     */
    public static Builder builder(URI baseUrl, NodeCredential credential, NodeDialect dialect) {
        return new Builder(baseUrl, credential, dialect);
    }

    public URI baseUrl() {
        return base;
    }

    public NodeDialect dialect() {
        return dialect;
    }

    public HealthTracker health() {
        return health;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** {@code GET path}: the answer whatever its status; see {@link #expectJson}. */
    public NodeResponse get(String path) throws NodeUnreachableException {
        return send(request(path).GET(), requestTimeout);
    }

    /** {@code POST path} with a JSON body, within {@code timeout} (a payment may need longer than a lookup). */
    public NodeResponse post(String path, JsonNode body, Duration timeout) throws NodeUnreachableException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json"), timeout);
    }

    public NodeResponse post(String path, JsonNode body) throws NodeUnreachableException {
        return post(path, body, requestTimeout);
    }

    /** {@code GET path} expecting a 2xx JSON answer. */
    public JsonNode getJson(String path, String what) throws NodeCallException {
        return expectJson(get(path), what);
    }

    /** {@code POST path} expecting a 2xx JSON answer. */
    public JsonNode postJson(String path, JsonNode body, String what) throws NodeCallException {
        return expectJson(post(path, body), what);
    }

    /**
     * The body of a 2xx answer as JSON; any other answer as the exception it stands for.
     *
     * @param what what was asked, for messages ("creating an invoice")
     */
    public JsonNode expectJson(NodeResponse response, String what) throws NodeCallException {
        if (!response.isSuccess()) {
            throw error(response, what);
        }
        try {
            return BoundedJson.read(response.body());
        } catch (IOException e) {
            throw failed(dialect.nodeName() + " answered " + what + " with a body that is not JSON ("
                    + Texts.describe(e) + ")", e);
        }
    }

    /** The exception a non-2xx answer stands for; also marks the node down when it failed or refused the credential. */
    public NodeCallException error(NodeResponse response, String what) {
        String message = dialect.errorMessage(response);
        int status = response.status();
        if (dialect.isAuthenticationFailure(response)) {
            String text = dialect.nodeName() + " refused the " + credential.kind() + " (HTTP " + status + ", " + what
                    + "): " + message;
            health.down(dialect.nodeName() + " refused the " + credential.kind());
            return new NodeAuthenticationException(text, status);
        }
        String text = dialect.nodeName() + " answered HTTP " + status + " to " + what + ": " + message;
        if (status >= 400 && status < 500) {
            return new NodeRejectedException(text, status);
        }
        return failed(text, null);
    }

    /** A protocol violation found by the caller (a missing field, a mismatched hash): the node is marked down. */
    public NodeFailedException failed(String message, Throwable cause) {
        health.down(message);
        return new NodeFailedException(message, cause);
    }

    /**
     * Starts a call to a streaming endpoint (newline-delimited JSON) and returns at once. lnd's REST proxy sends the
     * answer's headers only with the first message, so a quiet stream cannot be told from a slow one: see
     * {@link StreamOpening}. The stream has no timeout: close it to stop.
     */
    public StreamOpening openStream(String method, String path, JsonNode body, int maxLineBytes, String what) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest.Builder builder = request(path).method(method, publisher);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return new StreamOpening(this, http.sendAsync(authenticated(builder), HttpResponse.BodyHandlers.ofInputStream()),
                maxLineBytes, what);
    }

    /** The stream of a 2xx answer, or the exception any other answer stands for. */
    JsonLineStream stream(HttpResponse<InputStream> response, int maxLineBytes, String what)
            throws NodeCallException {
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            byte[] errorBody;
            try (InputStream in = response.body()) {
                errorBody = in.readNBytes(maxResponseBytes);
            } catch (IOException e) {
                throw unreachable(e);
            }
            throw error(new NodeResponse(response.statusCode(), errorBody), what);
        }
        health.up();
        return new JsonLineStream(response.body(), maxLineBytes, dialect.nodeName() + "'s " + what);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
    }

    private HttpRequest authenticated(HttpRequest.Builder builder) {
        return builder.header(credential.header(), credential.value()).build();
    }

    private NodeResponse send(HttpRequest.Builder builder, Duration timeout) throws NodeUnreachableException {
        HttpRequest request = authenticated(builder.timeout(timeout));
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(request, info -> new CappedBody(maxResponseBytes));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            health.up();
            return new NodeResponse(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw unreachable(new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            throw unreachable(e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new NodeUnreachableException("interrupted while waiting for " + dialect.nodeName(), e, true);
        }
    }

    NodeUnreachableException unreachable(Throwable e) {
        boolean neverConnected = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e instanceof UnknownHostException || e instanceof SSLException;
        String why = switch (e) {
            case HttpConnectTimeoutException t -> "connection timed out";
            case ConnectException c -> "connection refused";
            case HttpTimeoutException t -> "timed out: " + Texts.describe(t);
            case SSLException s -> "TLS handshake failed (is the certificate file the node's?): " + Texts.describe(s);
            case CappedBody.TooLargeException t -> Texts.describe(t);
            default -> Texts.describe(e);
        };
        String message = dialect.nodeName() + " at " + base + " unreachable: " + why;
        health.down(message);
        if (e instanceof CappedBody.TooLargeException) {
            return new NodeUnreachableException(message, e, true);
        }
        return new NodeUnreachableException(message, e, !neverConnected);
    }

    /** Collects a body up to a cap; beyond it the exchange is cancelled. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        static final class TooLargeException extends IOException {
            TooLargeException(int max) {
                super("the answer is larger than " + max + " bytes");
            }
        }

        private final int max;
        private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (collected.size() + buffer.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException(max));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                collected.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(collected.toByteArray());
        }
    }

    /** Configures a {@link NodeHttp}. */
    public static final class Builder {
        private final URI base;
        private final NodeCredential credential;
        private final NodeDialect dialect;
        private SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private int maxResponseBytes = 1 << 20;
        private HealthTracker health;

        private Builder(URI baseUrl, NodeCredential credential, NodeDialect dialect) {
            this.credential = Objects.requireNonNull(credential, "credential");
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            Objects.requireNonNull(baseUrl, "baseUrl");
            String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || baseUrl.getHost() == null
                    || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("the " + dialect.nodeName()
                        + " URL must be an absolute http(s) URL without query: " + baseUrl);
            }
            if (scheme.equals("http") && !isLoopback(baseUrl.getHost())) {
                throw new IllegalArgumentException("plain http to " + dialect.nodeName()
                        + " is allowed to loopback only (the " + credential.kind() + " would cross the network in"
                        + " clear): use https for " + baseUrl.getHost());
            }
            String s = baseUrl.toString();
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            this.base = URI.create(s);
        }

        /** Trust exactly the certificates of this PEM file (and no system authority). Needs an https URL. */
        public Builder trustCertificate(Path pemFile) throws IOException {
            if (!base.getScheme().equalsIgnoreCase("https")) {
                throw new IllegalArgumentException("a TLS certificate needs an https URL: " + base);
            }
            this.sslContext = PemTrust.sslContext(pemFile);
            return this;
        }

        /** Connecting may take this long; 3 s by default. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Durations.positive(timeout, "the connect timeout");
            return this;
        }

        /** A call (headers and body) may take this long unless a call says otherwise; 5 s by default. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Durations.positive(timeout, "the request timeout");
            return this;
        }

        /** The largest body read; 1 MiB by default. */
        public Builder maxResponseBytes(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxResponseBytes must be positive: " + max);
            }
            this.maxResponseBytes = max;
            return this;
        }

        /** Where the outcome of each call is recorded; a private tracker by default. */
        public Builder health(HealthTracker health) {
            this.health = Objects.requireNonNull(health, "health");
            return this;
        }

        public NodeHttp build() {
            return new NodeHttp(this);
        }

        private static boolean isLoopback(String host) {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (h.equalsIgnoreCase("localhost")) {
                return true;
            }
            if (!(h.contains(":") || h.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
                return false;
            }
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
