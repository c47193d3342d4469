package dev.turnpike.gateway.bifrost;

import dev.turnpike.bifrost.Reason;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.gateway.hosting.ApiResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused Bifrost call, answered as {@code application/problem+json} with an {@code error} code: RFC 8628's
 * vocabulary where it fits ({@code authorization_pending}, {@code slow_down}, {@code access_denied},
 * {@code expired_token}), else a precise code, e.g. a verifier's {@link Reason#code()}. Every way the bridge refuses
 * is one factory here, so codes and statuses are decided in one place. The detail never holds a secret.
 */
public final class BifrostProblem extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final transient Map<String, Object> members;
    private final transient Map<String, String> headers;

    private BifrostProblem(int status, String error, String detail, Map<String, Object> members,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
        this.members = Map.copyOf(members);
        this.headers = Map.copyOf(headers);
    }

    private static BifrostProblem of(int status, String error, String detail) {
        return new BifrostProblem(status, error, detail, Map.of(), Map.of());
    }

    /**
     * The answer: {@code application/problem+json} with {@code type}, {@code title}, {@code status}, {@code detail},
     * {@code error} and the extension members; with {@code Retry-After} or {@code Allow} where they apply.
     */
    public ApiResponse toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://turnpike.dev/problems/bifrost/" + error.replace('_', '-'));
        body.put("title", HttpResponseStatus.valueOf(status).reasonPhrase());
        body.put("status", status);
        body.put("detail", getMessage());
        body.put("error", error);
        body.putAll(members);
        ApiResponse json = ApiResponse.json(status, body);
        return new ApiResponse(status, "application/problem+json", json.body(), headers);
    }

    public int status() {
        return status;
    }

    /** The machine-readable code, e.g. {@code nonce_mismatch}. */
    public String error() {
        return error;
    }

    public String detail() {
        return getMessage();
    }

    /** Extension members of the problem, e.g. {@code interval} or {@code state}. */
    public Map<String, Object> members() {
        return members;
    }

    private BifrostProblem with(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(members);
        m.put(name, value);
        return new BifrostProblem(status, error, getMessage(), m, headers);
    }

    private BifrostProblem header(String name, Object value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value.toString());
        return new BifrostProblem(status, error, getMessage(), members, h);
    }

    // ---------------------------------------------------------------- requests

    static BifrostProblem invalidRequest(String detail) {
        return of(400, "invalid_request", detail);
    }

    static BifrostProblem invalidDelegatedKey(String detail) {
        return of(400, "invalid_delegated_key", "delegatedKey " + detail);
    }

    static BifrostProblem invalidAttributes(String detail) {
        return of(400, "invalid_attributes", detail);
    }

    static BifrostProblem rateLimited(String what, long waitMillis) {
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return of(429, "rate_limited", "too many sessions opened " + what + ": try again later")
                .with("retry_after", seconds).header("Retry-After", seconds);
    }

    static BifrostProblem notFound(String path) {
        return of(404, "not_found", "no Bifrost endpoint at " + path);
    }

    static BifrostProblem methodNotAllowed(String allowed) {
        return of(405, "method_not_allowed", "use " + allowed).header("Allow", allowed);
    }

    // ---------------------------------------------------------------- sessions

    /** Unknown, purged or malformed ids all read as expired: the bridge cannot tell them apart. */
    static BifrostProblem unknownSession() {
        return of(404, "expired_token", "no such session: it expired or never existed");
    }

    static BifrostProblem expired() {
        return of(410, "expired_token", "the session has expired");
    }

    static BifrostProblem pending(Duration interval) {
        return of(400, "authorization_pending", "the wallet has not answered yet")
                .with("interval", interval.toSeconds());
    }

    static BifrostProblem slowDown(Duration interval) {
        return of(400, "slow_down", "polled faster than every " + interval.toSeconds() + " s: wait longer, or"
                + " long-poll with ?wait=25").with("interval", interval.toSeconds())
                .header("Retry-After", interval.toSeconds());
    }

    static BifrostProblem accessDenied() {
        return of(400, "access_denied", "the wallet's user denied the request");
    }

    static BifrostProblem cancelled() {
        return of(410, "session_cancelled", "the session was cancelled");
    }

    static BifrostProblem alreadyRetrieved() {
        return of(410, "token_already_retrieved", "the token was handed over once and is no longer kept");
    }

    /** An approval, denial or cancellation of a session that is past that point (first answer wins). */
    static BifrostProblem notPending(SessionState state) {
        String name = BifrostApi.stateName(state);
        return of(409, "session_not_pending", "the session is already " + name).with("state", name);
    }

    /** The wallet's token was refused by the verifier: its reason's code, e.g. {@code nonce_mismatch}. */
    static BifrostProblem tokenRefused(Reason reason, String detail) {
        return of(400, reason.code(), reason.message() + ": " + detail);
    }

    /** A call only the application may make, without its poll token or proof of possession. */
    static BifrostProblem credentialRequired(String what) {
        return of(401, "credential_required", what + " needs the application's credential: its poll token"
                + " (Authorization: Bearer) or a proof of possession of its key (DPoP)")
                .header("WWW-Authenticate", "Bearer");
    }

    static BifrostProblem invalidPollToken() {
        return of(401, "invalid_poll_token", "the poll token is not this session's");
    }

    /** A proof of possession was refused: its reason's code, e.g. {@code proof_bad_signature}. */
    static BifrostProblem proofRefused(Reason reason, String detail) {
        return of(401, reason.code(), reason.message() + ": " + detail);
    }

    /**
     * A wallet's revocation request was refused: its reason's code; 400 when it cannot be read, 403 for a token of
     * another issuer, 503 when replays cannot be checked, else (signature, time, replay) 401.
     */
    static BifrostProblem revocationRefused(Reason reason, String detail) {
        int status = switch (reason) {
            case MALFORMED, UNSUPPORTED_ALGORITHM, INVALID_ISSUER_KEY -> 400;
            case NOT_ISSUER -> 403;
            case PROOF_REPLAY_UNCHECKED -> 503;
            default -> 401;
        };
        BifrostProblem p = of(status, reason.code(), reason.message() + ": " + detail);
        return status == 503 ? p.header("Retry-After", 1) : p;
    }

    // ---------------------------------------------------------------- renewal

    /** A renewal without {@code Authorization: DPoP <token>} and a {@code DPoP} proof. */
    static BifrostProblem renewalCredentialRequired() {
        return of(401, "credential_required", "a renewal needs the token (Authorization: DPoP <token>) and a DPoP"
                + " proof of its delegated key for this request").header("WWW-Authenticate", "DPoP algs=\"Ed25519 EdDSA\"");
    }

    /** The token presented for renewal was refused: its reason's code, e.g. {@code beyond_renewal_horizon}. */
    static BifrostProblem renewalRefused(Reason reason, String detail) {
        return of(401, reason.code(), reason.message() + ": " + detail)
                .header("WWW-Authenticate", "DPoP error=\"invalid_token\", algs=\"Ed25519 EdDSA\"");
    }

    static BifrostProblem unavailable() {
        return of(503, "temporarily_unavailable", "the session store is unavailable: try again shortly")
                .with("retry_after", 5).header("Retry-After", 5);
    }
}
