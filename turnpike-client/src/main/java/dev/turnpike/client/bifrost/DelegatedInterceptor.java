package dev.turnpike.client.bifrost;

import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.client.Interceptor;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Attaches a Bifrost delegated token and a fresh DPoP proof (RFC 9449) to every request that has no
 * {@code Authorization} header of its own: {@code Authorization: DPoP <token>} and {@code DPoP: <proof>}, the proof
 * signed by the application's key for the request's method and URL, bound to the token. Add it to an
 * {@code L402Client} ({@code addInterceptor}), beside the L402 token handling:
 *
 * <pre>{@code
 * L402Client client = L402Client.builder()
 *         .addInterceptor(new DelegatedInterceptor(KeyFile.load(appKey), TokenFile.readToken(tokenFile),
 *                 Clock.systemUTC(), new SecureRandom()))
 *         .build();
 * }</pre>
 * With a {@link RenewingCredential} instead of the token, it renews by itself before the token or certificate runs
 * out and sends renew tokens. Thread-safe.
 */
public final class DelegatedInterceptor implements Interceptor {

    private static final String AUTHORIZATION = "Authorization";
    private static final String DPOP = "DPoP";

    private final Ed25519KeyPair key;
    private final Supplier<String> credential;
    private final Clock clock;
    private final SecureRandom random;

    /** {@code key}: the application's key pair, the token's delegated key; {@code token}: the compact token. */
    public DelegatedInterceptor(Ed25519KeyPair key, String token, Clock clock, SecureRandom random) {
        this(key, constant(Objects.requireNonNull(token, "token")), clock, random);
    }

    /** {@code credential}: the token, renewed by itself ({@link RenewingCredential#current}). */
    public DelegatedInterceptor(Ed25519KeyPair key, RenewingCredential credential, Clock clock, SecureRandom random) {
        this(key, credential::current, clock, random);
    }

    private DelegatedInterceptor(Ed25519KeyPair key, Supplier<String> credential, Clock clock, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.credential = credential;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    private static Supplier<String> constant(String token) {
        return () -> token;
    }

    @Override
    public <T> HttpResponse<T> intercept(Chain<T> chain) throws IOException, InterruptedException {
        HttpRequest request = chain.request();
        if (request.headers().firstValue(AUTHORIZATION).isPresent()) {
            return chain.proceed(request);
        }
        String token = credential.get();
        String proof = PopProof.createDpop(key, request.method(), request.uri().toString(), token, clock.instant(),
                random);
        return chain.proceed(HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(DPOP))
                .header(AUTHORIZATION, "DPoP " + token)
                .header(DPOP, proof)
                .build());
    }
}
