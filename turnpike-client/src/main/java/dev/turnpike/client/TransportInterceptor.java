package dev.turnpike.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

/** The end of the chain: sends the request with the JDK client. */
final class TransportInterceptor implements Interceptor {

    private final HttpClient http;

    TransportInterceptor(HttpClient http) {
        this.http = http;
    }

    @Override
    public <T> HttpResponse<T> intercept(Chain<T> chain) throws IOException, InterruptedException {
        return http.send(chain.request(), chain.bodyHandler());
    }
}
