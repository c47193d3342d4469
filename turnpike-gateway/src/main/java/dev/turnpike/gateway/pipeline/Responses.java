package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.header.L402Headers;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Set;
import java.util.TreeSet;

/** The answers the gateway gives itself. */
final class Responses {

    private static final AsciiString GRPC = AsciiString.cached("application/grpc");
    private static final AsciiString GRPC_STATUS = AsciiString.cached("grpc-status");
    private static final AsciiString GRPC_MESSAGE = AsciiString.cached("grpc-message");
    /** gRPC's INTERNAL, as aperture answers an unpaid call. */
    private static final String GRPC_INTERNAL = "13";

    private Responses() {}

    static FullHttpResponse notFound() {
        return Problem.of(HttpResponseStatus.NOT_FOUND, "no-service", "no service is configured for this host and path")
                .toResponse();
    }

    /** 405 with {@code Allow}: the service serves only {@code methods}. */
    static FullHttpResponse methodNotServed(Set<String> methods) {
        String allowed = String.join(", ", new TreeSet<>(methods));
        FullHttpResponse response = Problem.of(HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "this service serves only " + allowed).toResponse();
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return response;
    }

    static FullHttpResponse badRequest(HttpResponseStatus status, String detail) {
        return Problem.of(status, "bad-request", detail).toResponse();
    }

    static FullHttpResponse tooManyRequests(long waitMillis) {
        return Problem.of(HttpResponseStatus.TOO_MANY_REQUESTS, "rate-limited", "too many requests: slow down")
                .retryAfter((waitMillis + 999) / 1000).toResponse();
    }

    static FullHttpResponse verificationUnavailable() {
        return Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "verification-unavailable",
                "tokens cannot be verified right now").retryAfter(5).toResponse();
    }

    static FullHttpResponse lightningUnavailable() {
        return Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "lightning-unavailable",
                "the Lightning backend is unavailable: no invoice can be issued").retryAfter(10).toResponse();
    }

    static FullHttpResponse storeUnavailable() {
        return Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                "the token store is unavailable: no token can be issued").retryAfter(5).toResponse();
    }

    static FullHttpResponse paymentUnconfirmable() {
        return Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "lightning-unavailable",
                "the Lightning backend is unavailable: the token's payment cannot be confirmed").retryAfter(10).toResponse();
    }

    static FullHttpResponse busy() {
        return Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", "too many payment challenges in progress")
                .retryAfter(1).toResponse();
    }

    static FullHttpResponse internalError() {
        return Problem.of(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal-error", "the gateway failed").toResponse();
    }

    /**
     * The 402 challenge: problem+json, or a trailers-only gRPC error for gRPC calls (as aperture). {@code delegation}
     * (an {@code either} service; else null) adds the DPoP challenge and the bridge.
     */
    static FullHttpResponse paymentRequired(HttpRequest request, Challenge challenge, Refusal refusal,
            ServiceSpec spec, DelegationAnswers delegation) {
        FullHttpResponse response = isGrpc(request) ? grpcPaymentRequired() : paymentProblem(refusal, spec, delegation);
        HttpHeaders headers = response.headers();
        for (String value : L402Headers.challengeValues(challenge)) {
            headers.add(HttpHeaderNames.WWW_AUTHENTICATE, value);
        }
        if (delegation != null) {
            headers.add(HttpHeaderNames.WWW_AUTHENTICATE, DelegationAnswers.CHALLENGE);
        }
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaderNames.WWW_AUTHENTICATE);
        return response;
    }

    private static FullHttpResponse paymentProblem(Refusal refusal, ServiceSpec spec, DelegationAnswers delegation) {
        String detail = detail(refusal);
        if (delegation != null) {
            detail += "; or log in with Bifrost and send Authorization: DPoP <token> with a DPoP proof";
        }
        Problem p = Problem.of(HttpResponseStatus.PAYMENT_REQUIRED, "payment-required", detail)
                .member("price_sat", spec.price().satsRoundedUp())
                .member("service", spec.name())
                .member("reason", refusal.code());
        if (delegation != null && delegation.bridge() != null) {
            p.member("bridge", delegation.bridge());
        }
        return p.toResponse();
    }

    private static String detail(Refusal refusal) {
        return refusal == Refusal.NO_TOKEN
                ? "payment required: no token; pay the invoice in WWW-Authenticate and send Authorization: L402 <macaroon>:<preimage>"
                : "payment required: the token was refused: " + refusal.words();
    }

    private static boolean isGrpc(HttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "application/grpc", 0, GRPC.length());
    }

    private static FullHttpResponse grpcPaymentRequired() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, GRPC)
                .set(GRPC_STATUS, GRPC_INTERNAL)
                .set(GRPC_MESSAGE, "payment required");
        return r;
    }

    static boolean isPreflight(HttpRequest request) {
        return HttpMethod.OPTIONS.equals(request.method())
                && request.headers().contains(HttpHeaderNames.ORIGIN)
                && request.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** Allows browsers to send the Authorization header a paid request needs, from any origin. */
    static FullHttpResponse preflight(HttpRequest request) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                Unpooled.EMPTY_BUFFER);
        String requestedHeaders = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS,
                        request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD))
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                        requestedHeaders != null ? requestedHeaders : "Authorization, Content-Type")
                .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaderNames.WWW_AUTHENTICATE)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 600);
        return r;
    }
}
