package dev.turnpike.client;

import dev.turnpike.l402.header.L402Headers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

final class Requests {

    private Requests() {}

    /** A copy of {@code request} whose only {@code Authorization} header is {@code value}. */
    static HttpRequest withAuthorization(HttpRequest request, String value) {
        return HttpRequest.newBuilder(request, (name, v) -> !name.equalsIgnoreCase(L402Headers.AUTHORIZATION))
                .header(L402Headers.AUTHORIZATION, value)
                .build();
    }

    /** Releases a response that will not be returned (closes an unread stream body, so its connection is freed). */
    static void discard(HttpResponse<?> response) {
        if (response.body() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing more to free
            }
        }
    }
}
