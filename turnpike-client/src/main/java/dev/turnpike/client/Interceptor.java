package dev.turnpike.client;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One link of the client's chain (OkHttp style): it sees the request, may change it, calls
 * {@link Chain#proceed(HttpRequest)} zero or more times, and returns a response. The client's own chain is
 * <em>your interceptors</em> → token attaching → 402 handling (pay, store, retry) → transport
 * ({@link java.net.http.HttpClient}).
 */
public interface Interceptor {

    <T> HttpResponse<T> intercept(Chain<T> chain) throws IOException, InterruptedException;

    /** The rest of the chain, for one call. */
    interface Chain<T> {

        /** The request as this interceptor received it. */
        HttpRequest request();

        /** The caller's body handler. */
        HttpResponse.BodyHandler<T> bodyHandler();

        /** Passes {@code request} to the next interceptor (finally the transport) and returns its response. */
        HttpResponse<T> proceed(HttpRequest request) throws IOException, InterruptedException;
    }
}
