package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What a proof of possession must show: signed by {@code key}, for this {@code method} and {@code url}, and one of
 * two kinds (see {@link PopProof}):
 * <ul>
 *   <li>a bridge proof ({@link #forSession}): {@code typ} {@value PopProof#TYPE}, bound to the {@code session};</li>
 *   <li>a DPoP proof (RFC 9449) for an API request carrying a delegation token ({@link #forToken}): {@code typ}
 *       {@value PopProof#DPOP_TYPE}, the header's {@code jwk} is {@code key}, and {@code ath} is
 *       {@code accessTokenHash}; no {@code session}.</li>
 * </ul>
 */
public record PopExpectation(Ed25519PublicKey key, String method, String url, Optional<String> session,
        Optional<String> accessTokenHash) {
    public PopExpectation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(accessTokenHash, "accessTokenHash");
        if (session.isPresent() && accessTokenHash.isPresent()) {
            throw new IllegalArgumentException("a proof is for a session or for a token, not both");
        }
    }

    /** A bridge proof for one request within a session, e.g. the application reading its approved token. */
    public static PopExpectation forSession(Ed25519PublicKey key, String method, String url, String session) {
        return new PopExpectation(key, method, url, Optional.of(session), Optional.empty());
    }

    /** A DPoP proof for one API request that carries {@code token}: by its delegated key, bound to it. */
    public static PopExpectation forToken(DelegationToken token, String method, String url) {
        return forToken(token.delegatedKey(), accessTokenHash(token.compact()), method, url);
    }

    /** As {@link #forToken(DelegationToken, String, String)}, with the token's hash computed once beforehand. */
    public static PopExpectation forToken(Ed25519PublicKey delegatedKey, String accessTokenHash, String method,
            String url) {
        return new PopExpectation(delegatedKey, method, url, Optional.empty(), Optional.of(accessTokenHash));
    }

    /** {@code ath} of a token: base64url of the SHA-256 of its ASCII text (RFC 9449 section 4.2). */
    public static String accessTokenHash(String compactToken) {
        return TokenHash.of(compactToken).toBase64Url();
    }

    boolean isDpop() {
        return accessTokenHash.isPresent();
    }
}
