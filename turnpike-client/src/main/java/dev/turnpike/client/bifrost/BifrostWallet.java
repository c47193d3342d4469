package dev.turnpike.client.bifrost;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.DelegationVerifier;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.RevocationRequest;
import dev.turnpike.bifrost.TimePolicy;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.nodes.http.Durations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The wallet's side of a Bifrost login (the document's SEA): it reads what a session asks for, and approves it by
 * signing the delegation token with the user's key, or denies it.
 *
 * <pre>{@code
 * try (BifrostWallet wallet = BifrostWallet.builder(KeyFile.load(walletKeyFile)).build()) {
 *     SessionView asked = wallet.fetch(SessionRef.parse(scannedText, Optional.empty()));
 *     // show everything the token will carry: it signs the attributes whole
 *     if (userAgrees(asked.name(), asked.permissions(), asked.audience(), asked.otherAttributes(),
 *             asked.confirmationCode(), asked.expiresAt())) {
 *         wallet.approve(asked, BifrostWallet.DEFAULT_TOKEN_LIFETIME);
 *     } else {
 *         wallet.deny(asked.session());
 *     }
 * }
 * }</pre>
 *
 * <p>The token is the document's: header {@code {"alg":"Ed25519","typ":"JWT"}}, payload {@code created} and {@code
 * expiration} (ISO-8601 UTC, whole seconds), {@code issuer} (the user's key), {@code delegatedKey} (the
 * application's) and {@code attributes} exactly as the session holds them, nonce included. Before posting it, the
 * wallet verifies it as the bridge will, so a conflict (e.g. a lifetime beyond {@code permissions.expires_in}) is
 * found here.
 *
 * <p>Thread-safe; each call blocks on one HTTP request.
 */
public final class BifrostWallet implements AutoCloseable {

    /** The document's default token lifetime. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = TimePolicy.DEFAULT_MAX_LIFETIME;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519KeyPair user;
    private final BridgeHttp http;
    private final Clock clock;

    private BifrostWallet(Builder b) {
        this.user = b.user;
        this.http = new BridgeHttp(b.httpClient, b.requestTimeout);
        this.clock = b.clock;
    }

    /** @param user the user's key pair: its public key is the token's {@code issuer} */
    public static Builder builder(Ed25519KeyPair user) {
        return new Builder(user);
    }

    /** The user's public key: what the application will show as the logged-in wallet. */
    public Ed25519PublicKey publicKey() {
        return user.publicKey();
    }

    /**
     * What the session asks for ({@code GET /api/auth/{id}}).
     *
     * @throws SessionExpiredException     if it expired or the bridge does not know it
     * @throws BridgeProtocolException     if the answer is not a valid session (see {@link SessionView})
     * @throws BifrostUnavailableException if the bridge cannot be asked
     */
    public SessionView fetch(SessionRef session) throws BifrostException {
        return SessionView.fetch(http, Objects.requireNonNull(session, "session"));
    }

    /**
     * Signs the token for {@code asked} and posts it ({@code POST /api/auth/{id}} {@code {token}}). The lifetime is
     * {@code lifetime}, shortened to the session's {@code permissions.expires_in} and to the bridge's maximum
     * where they are shorter.
     *
     * @return the token as posted, verified
     * @throws TokenVerificationException  if the token would not verify (then nothing was posted)
     * @throws BifrostRefusedException     e.g. {@code session_not_pending} (answered already: the first answer wins),
     *                                     or a reason of the bridge's verifier
     * @throws SessionExpiredException     if the session expired meanwhile
     * @throws BifrostUnavailableException if the bridge cannot be asked
     * @throws IllegalArgumentException    if {@code lifetime} is shorter than a second
     */
    public DelegationToken approve(SessionView asked, Duration lifetime) throws BifrostException {
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a token lives at least a second, not " + lifetime);
        }
        Duration granted = granted(asked, lifetime);
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String compact = DelegationToken.sign(user, asked.request().delegatedKey(), asked.request().attributes(),
                created, created.plus(granted));
        DelegationToken token = switch (new DelegationVerifier(new TimePolicy(TimePolicy.DEFAULT_CLOCK_SKEW, granted))
                .verify(compact, asked.request(), clock.instant())) {
            case Verification.Verified<DelegationToken>(DelegationToken verified) -> verified;
            case Verification.Refused<DelegationToken>(var reason, var detail) ->
                    throw new TokenVerificationException(reason, detail);
        };
        http.call(BridgeHttp.jsonRequest(asked.session().apiUri()).header("Content-Type", "application/json")
                .POST(BridgeHttp.jsonBody(JsonNodeFactory.instance.objectNode().put("token", compact))));
        return token;
    }

    /**
     * Denies the session ({@code POST /api/auth/{id}/deny}): the application is told {@code access_denied}.
     *
     * @throws BifrostRefusedException {@code session_not_pending} if it was answered already, or {@code not_found}
     *                                 from a bridge of the original protocol, which has no denial
     */
    public void deny(SessionRef session) throws BifrostException {
        Objects.requireNonNull(session, "session");
        http.call(BridgeHttp.jsonRequest(session.denyUri()).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Revokes {@code token}, a delegation token this wallet issued ({@code POST {bridge}/api/revocations} with a
     * {@link RevocationRequest} signed by the wallet's key, carrying the token): every gateway that shares the
     * bridge's store refuses it from then on.
     *
     * @param bridge the bridge's base URL (its API is under {@code /api/auth})
     * @throws BifrostRefusedException     e.g. {@code not_issuer} if this wallet did not issue it, or
     *                                     {@code proof_stale} if the clocks disagree by more than a minute
     * @throws BifrostUnavailableException if the bridge cannot be asked
     */
    public void revoke(URI bridge, String token) throws BifrostException {
        Objects.requireNonNull(token, "token");
        String request = RevocationRequest.sign(user, token, clock.instant(), RANDOM);
        URI uri = URI.create(SessionRef.bridgeBase(Objects.requireNonNull(bridge, "bridge")) + "/api/revocations");
        http.call(BridgeHttp.jsonRequest(uri).header("Content-Type", "application/json")
                .POST(BridgeHttp.jsonBody(JsonNodeFactory.instance.objectNode().put("revocation", request))));
    }

    /** The lifetime asked for, capped by the permissions' {@code expires_in} and the bridge's maximum. */
    private static Duration granted(SessionView asked, Duration lifetime) {
        Duration granted = lifetime;
        OptionalLong expiresIn = asked.permissions().map(Permissions::expiresIn).orElse(OptionalLong.empty());
        if (expiresIn.isPresent() && expiresIn.getAsLong() < granted.toSeconds()) {
            granted = Duration.ofSeconds(expiresIn.getAsLong());
        }
        Optional<Duration> bridgeMaximum = asked.maxTokenLifetime();
        if (bridgeMaximum.isPresent() && bridgeMaximum.get().compareTo(granted) < 0) {
            granted = bridgeMaximum.get();
        }
        return granted;
    }

    /** Closes the HTTP client if the builder made it. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "BifrostWallet[" + user.publicKey().fingerprint() + "]";
    }

    /** Configures a {@link BifrostWallet}. */
    public static final class Builder {
        private final Ed25519KeyPair user;
        private HttpClient httpClient;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(Ed25519KeyPair user) {
            this.user = Objects.requireNonNull(user, "user");
        }

        /** The HTTP client; by default HTTP/1.1 with a 10 s connect timeout. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** How long one call may take; 30 s by default. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Durations.positive(timeout, "the request timeout");
            return this;
        }

        /** The clock that dates the token ({@code created}); the system's UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public BifrostWallet build() {
            return new BifrostWallet(this);
        }
    }
}
