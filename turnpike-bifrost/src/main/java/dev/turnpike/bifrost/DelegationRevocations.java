package dev.turnpike.bifrost;

/**
 * Whether a delegation token was revoked: the one seam between renewal (the bridge's certificates, the gateway's
 * renew tokens) and the revocation set, which keys revocations by the SHA-256 of the token's text and its issuer.
 */
@FunctionalInterface
public interface DelegationRevocations {

    /** No revocation is known (no revocation set in this process). */
    DelegationRevocations NONE = token -> false;

    boolean isRevoked(DelegationToken token);
}
