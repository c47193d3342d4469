package dev.turnpike.l402;

import java.util.Arrays;

/**
 * The key under which a token's root key is stored: {@code sha256(encoded identifier)}, as aperture's
 * {@code sha256.Sum256(mac.Id())}. Not secret.
 */
public final class RootKeyId {
    private final byte[] bytes;

    private RootKeyId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** {@code sha256(identifier.encode())}. */
    public static RootKeyId of(L402Identifier identifier) {
        return new RootKeyId(Bytes32.sha256(identifier.encode()));
    }

    /** {@code sha256(identifierBytes)} for raw macaroon identifier bytes. */
    public static RootKeyId ofIdentifierBytes(byte[] identifierBytes) {
        return new RootKeyId(Bytes32.sha256(identifierBytes));
    }

    /** Wraps an already computed 32-byte hash (e.g. read back from storage). */
    public static RootKeyId fromHash(byte[] hash) {
        return new RootKeyId(Bytes32.checked(hash, "root key id"));
    }

    /** A copy of the 32 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Lowercase hex. */
    public String toHex() {
        return Bytes32.HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RootKeyId r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
