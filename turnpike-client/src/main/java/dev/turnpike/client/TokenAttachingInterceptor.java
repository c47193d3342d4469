package dev.turnpike.client;

import dev.turnpike.client.token.Origin;
import dev.turnpike.client.token.StoredToken;
import dev.turnpike.client.token.TokenStore;
import dev.turnpike.l402.header.L402Headers;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** Attaches the origin's stored paid token, unless the caller set an {@code Authorization} header. */
final class TokenAttachingInterceptor implements Interceptor {

    private final TokenStore store;
    private final Events events;

    TokenAttachingInterceptor(TokenStore store, Events events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public <T> HttpResponse<T> intercept(Chain<T> chain) throws IOException, InterruptedException {
        HttpRequest request = chain.request();
        if (request.headers().firstValue(L402Headers.AUTHORIZATION).isPresent()) {
            return chain.proceed(request);
        }
        Origin origin = Origin.of(request.uri());
        Optional<StoredToken> token = store.load(origin);
        if (token.isEmpty() || !token.get().isPaid()) {
            return chain.proceed(request);
        }
        events.emit(new L402Event.TokenAttached(origin));
        return chain.proceed(Requests.withAuthorization(request, L402Headers.authorizationValue(token.get().credential())));
    }
}
