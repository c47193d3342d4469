package dev.turnpike.bifrost;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to an API that presents a delegation token: the token, the proof of possession if the client sent one,
 * and the request's method and absolute URL (what a proof must match).
 */
public record AccessRequest(String token, Optional<String> proof, String method, String url) {
    public AccessRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
    }

    /** A request with a token and no proof. */
    public static AccessRequest bearer(String token, String method, String url) {
        return new AccessRequest(token, Optional.empty(), method, url);
    }

    /** A request with a token and a proof of possession of its delegated key. */
    public static AccessRequest withProof(String token, String proof, String method, String url) {
        return new AccessRequest(token, Optional.of(proof), method, url);
    }

    /** The token is a credential: left out. */
    @Override
    public String toString() {
        return "AccessRequest[" + method + " " + url + ", proof=" + proof.isPresent() + "]";
    }
}
