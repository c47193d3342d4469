package dev.turnpike.client;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The chain for one call: each {@link #proceed} hands the request to the interceptor after this one. */
final class RealChain<T> implements Interceptor.Chain<T> {

    private final List<Interceptor> interceptors;
    private final int index;
    private final HttpRequest request;
    private final HttpResponse.BodyHandler<T> handler;

    RealChain(List<Interceptor> interceptors, int index, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        this.interceptors = interceptors;
        this.index = index;
        this.request = request;
        this.handler = handler;
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public HttpResponse.BodyHandler<T> bodyHandler() {
        return handler;
    }

    @Override
    public HttpResponse<T> proceed(HttpRequest next) throws IOException, InterruptedException {
        if (index >= interceptors.size()) {
            throw new IllegalStateException("the transport must not call proceed");
        }
        return interceptors.get(index).intercept(new RealChain<>(interceptors, index + 1, next, handler));
    }
}
