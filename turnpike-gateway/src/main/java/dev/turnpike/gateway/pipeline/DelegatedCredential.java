package dev.turnpike.gateway.pipeline;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * A delegated token in a request: {@code Authorization: DPoP <token>} (RFC 9449) or {@code Bearer <token>}, and the
 * {@code DPoP} header's proof if there is one.
 *
 * @param token the token, or null when the request is malformed ({@link #problem} says why)
 * @param proof the one {@code DPoP} header value, or null
 */
record DelegatedCredential(String token, String proof, String problem) {

    static final AsciiString DPOP = AsciiString.cached("dpop");
    private static final String[] SCHEMES = {"DPoP ", "Bearer "};

    /**
     * The delegated credential of a request, or null if its Authorization is not of scheme DPoP or Bearer (then it
     * carries no delegated token; on an {@code either} service it may carry an L402 one).
     */
    static DelegatedCredential of(HttpHeaders headers) {
        List<String> authorization = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        if (authorization.size() == 1) {
            String token = token(authorization.get(0));
            return token == null ? null : withProof(token, headers);
        }
        for (String value : authorization) {
            if (token(value) != null) {
                return malformed("send one Authorization header");
            }
        }
        return null;
    }

    private static DelegatedCredential withProof(String token, HttpHeaders headers) {
        if (token.isEmpty()) {
            return malformed("the Authorization header has no token");
        }
        List<String> proofs = headers.getAll(DPOP);
        if (proofs.size() > 1) {
            return malformed("send at most one DPoP header");
        }
        return new DelegatedCredential(token, proofs.isEmpty() ? null : proofs.get(0).strip(), null);
    }

    /** The token after {@code DPoP } or {@code Bearer } (schemes compared case-insensitively); null for others. */
    private static String token(String value) {
        String v = value.strip();
        for (String scheme : SCHEMES) {
            if (v.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return v.substring(scheme.length()).strip();
            }
        }
        return null;
    }

    private static DelegatedCredential malformed(String problem) {
        return new DelegatedCredential(null, null, problem);
    }
}
