package dev.turnpike.l402;

/** Tells whether a token id is revoked. Owned by the verifier; must be thread-safe. */
@FunctionalInterface
public interface RevocationCheck {
    /**
     * @return true if revoked ({@link Reason#REVOKED})
     * @throws StoreException if the backend failed ({@link Reason#BACKEND_UNAVAILABLE})
     */
    boolean isRevoked(TokenId tokenId) throws StoreException;

    /** A check that revokes nothing; pass it explicitly when revocation is not used. */
    static RevocationCheck none() {
        return tokenId -> false;
    }
}
