package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What a proof of possession must show: signed by {@code key}, for this {@code method} and {@code url}, and bound
 * to {@code session} exactly when one is given (a proof with a {@code session} claim is refused where none is
 * expected, and the other way round).
 */
public record PopExpectation(Ed25519PublicKey key, String method, String url, Optional<String> session) {
    public PopExpectation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(session, "session");
    }

    /** A proof for one request, without session. */
    public static PopExpectation forRequest(Ed25519PublicKey key, String method, String url) {
        return new PopExpectation(key, method, url, Optional.empty());
    }

    /** A proof for one request within a session, e.g. the application reading its approved token. */
    public static PopExpectation forSession(Ed25519PublicKey key, String method, String url, String session) {
        return new PopExpectation(key, method, url, Optional.of(session));
    }
}
