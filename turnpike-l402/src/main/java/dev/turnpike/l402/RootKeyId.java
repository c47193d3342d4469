package dev.turnpike.l402;

/**
 * The key under which a token's root key is stored: {@code sha256(encoded identifier)}, as aperture's
 * {@code sha256.Sum256(mac.Id())}. Not secret.
 */
public final class RootKeyId extends Bytes32 {
    private RootKeyId(byte[] bytes) {
        super(bytes);
    }

    /** {@code sha256(identifier.encode())}. */
    public static RootKeyId of(L402Identifier identifier) {
        return new RootKeyId(sha256(identifier.encode()));
    }

    /** {@code sha256(identifierBytes)} for raw macaroon identifier bytes. */
    public static RootKeyId ofIdentifierBytes(byte[] identifierBytes) {
        return new RootKeyId(sha256(identifierBytes));
    }

    /** Wraps an already computed 32-byte hash (e.g. read back from storage). */
    public static RootKeyId fromHash(byte[] hash) {
        return new RootKeyId(checked(hash, "root key id"));
    }
}
