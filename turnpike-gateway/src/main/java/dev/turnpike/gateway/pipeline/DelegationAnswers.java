package dev.turnpike.gateway.pipeline;

import dev.turnpike.bifrost.Reason;
import dev.turnpike.gateway.problem.Problem;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The gateway's answers to delegated requests it refuses: 401 with an RFC 9449 {@code WWW-Authenticate: DPoP}
 * challenge (its {@code error} {@code invalid_token}, {@code invalid_dpop_proof} or {@code invalid_request}) and a
 * problem+json body whose {@code reason} is the verifier's; 403 naming what the token does not grant; and the
 * {@code bridge} member, where an application logs in, whenever a bridge is configured.
 */
final class DelegationAnswers {

    /** The algorithms a DPoP proof may use (RFC 9449 section 7.1). */
    static final String ALGORITHMS = "algs=\"Ed25519 EdDSA\"";
    static final String CHALLENGE = "DPoP " + ALGORITHMS;

    private final String bridge;

    /** {@code bridge}: the bridge's login API (e.g. {@code https://auth.example/api/auth}), or null. */
    DelegationAnswers(String bridge) {
        this.bridge = bridge;
    }

    /** The bridge's login API, or null. */
    String bridge() {
        return bridge;
    }

    /** No delegated token: the challenge without error, as RFC 6750 section 3.1 advises. */
    FullHttpResponse noToken() {
        return unauthorized(null, "no_token", "a delegated token is required: log in with Bifrost and send"
                + " Authorization: DPoP <token> with a DPoP proof");
    }

    FullHttpResponse malformed(String detail) {
        return unauthorized("invalid_request", "malformed_credential", detail);
    }

    /** The one place where the verifiers' reasons become answers. */
    FullHttpResponse refused(Reason reason, String detail) {
        String error = switch (reason) {
            case MALFORMED, UNSUPPORTED_ALGORITHM, INVALID_ISSUER_KEY, UNTRUSTED_ISSUER, BAD_SIGNATURE,
                    ATTRIBUTES_INVALID, EXPIRATION_NOT_AFTER_CREATED, LIFETIME_TOO_LONG, NOT_YET_VALID, EXPIRED,
                    UNTRUSTED_BRIDGE, CERTIFICATE_BAD_SIGNATURE, CERTIFICATE_EXPIRED, CERTIFICATE_MISMATCH,
                    RENEW_BAD_SIGNATURE, BEYOND_RENEWAL_HORIZON, REVOKED,
                    // the bridge's own steps, never reached here
                    WRONG_DELEGATED_KEY, NONCE_MISMATCH, NAME_CHANGED, PERMISSIONS_WIDENED, ATTRIBUTES_CHANGED,
                    CREATED_OUT_OF_SKEW, NOT_ISSUER -> "invalid_token";
            case PROOF_MISSING, PROOF_MALFORMED, PROOF_WRONG_KEY, PROOF_BAD_SIGNATURE, PROOF_WRONG_METHOD,
                    PROOF_WRONG_URL, PROOF_WRONG_SESSION, PROOF_WRONG_TOKEN, PROOF_STALE, PROOF_REPLAYED ->
                    "invalid_dpop_proof";
            case PROOF_REPLAY_UNCHECKED -> null;
        };
        if (error == null) {
            return Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "verification-unavailable",
                    "proofs cannot be checked for replay right now").retryAfter(1).toResponse();
        }
        return unauthorized(error, reason.code(), reason.message() + ": " + detail);
    }

    /** 403: the token is valid but does not allow this request; {@code name}/{@code value}: what is missing. */
    FullHttpResponse forbidden(String reason, String detail, String name, String value) {
        Problem p = Problem.of(HttpResponseStatus.FORBIDDEN, "not-delegated", detail).member("reason", reason);
        if (name != null) {
            p.member(name, value);
        }
        return withCors(p.toResponse());
    }

    private FullHttpResponse unauthorized(String error, String reason, String detail) {
        Problem p = Problem.of(HttpResponseStatus.UNAUTHORIZED, "delegation-required", detail).member("reason", reason);
        if (bridge != null) {
            p.member("bridge", bridge);
        }
        FullHttpResponse r = p.toResponse();
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, error == null ? CHALLENGE
                : "DPoP error=\"" + error + "\", " + ALGORITHMS);
        return withCors(r);
    }

    private static FullHttpResponse withCors(FullHttpResponse r) {
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaderNames.WWW_AUTHENTICATE);
        return r;
    }
}
