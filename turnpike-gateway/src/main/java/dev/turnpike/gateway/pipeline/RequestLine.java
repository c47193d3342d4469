package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.problem.Problem;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What no service is offered, whatever it is: a protocol version other than HTTP/1.x (HTTP/2 arrives here as 1.1),
 * {@code TRACE}/{@code TRACK} (they echo the request, credentials included, back to a script) and {@code CONNECT}
 * (a tunnel, not a request to forward).
 */
final class RequestLine {

    /** The methods a 405 names as allowed (RFC 9110 §15.5.6 asks for an {@code Allow} header). */
    private static final String ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private RequestLine() {}

    /** The answer that refuses this request line, or null when it may go on. */
    static FullHttpResponse refusal(HttpRequest request) {
        if (request.protocolVersion().majorVersion() != 1) {
            return Problem.of(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "version-not-supported",
                    "only HTTP/1.0, HTTP/1.1 and HTTP/2 are supported").toResponse();
        }
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.TRACE) || method.equals(HttpMethod.CONNECT) || method.name().equals("TRACK")) {
            FullHttpResponse response = Problem.of(HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                    "the method " + method.name() + " is not served").toResponse();
            response.headers().set(HttpHeaderNames.ALLOW, ALLOWED);
            return response;
        }
        return null;
    }
}
