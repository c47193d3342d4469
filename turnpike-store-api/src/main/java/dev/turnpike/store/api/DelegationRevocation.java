package dev.turnpike.store.api;

import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A revoked Bifrost delegation token, named by its hash.
 *
 * @param tokenHash  SHA-256 of the token's compact text
 * @param issuer     the wallet that revoked it, which refuses only a token that this key issued (a wallet revokes
 *                   in its own name only); empty when the operator revoked it, which refuses it whoever issued it
 * @param revokedAt  when it was first revoked
 * @param expiration the token's expiration if the revoker said it: after it the token is refused anyway, so the
 *                   revocation may be forgotten; empty: kept for good
 */
public record DelegationRevocation(TokenHash tokenHash, Optional<Ed25519PublicKey> issuer, Instant revokedAt,
        Optional<Instant> expiration) {

    public DelegationRevocation {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(expiration, "expiration");
    }

    /** Whether this revocation refuses a token of that hash issued by {@code tokenIssuer}. */
    public boolean refuses(TokenHash hash, Ed25519PublicKey tokenIssuer) {
        return tokenHash.equals(hash) && issuer.map(tokenIssuer::equals).orElse(true);
    }
}
