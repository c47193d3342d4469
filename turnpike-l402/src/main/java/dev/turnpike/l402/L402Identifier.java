package dev.turnpike.l402;

import java.util.Objects;

/**
 * The macaroon identifier of an L402 token, byte-compatible with aperture's {@code l402.Identifier}:
 *
 * <pre>
 *   version      uint16, big-endian (only 0 is defined)
 *   payment_hash 32 bytes
 *   token_id     32 bytes
 * </pre>
 *
 * exactly {@value #SIZE} bytes for version 0.
 *
 * @param version     the identifier version (always {@value #LATEST_VERSION} for decoded and minted tokens)
 * @param paymentHash the payment hash of the invoice that must be paid
 * @param tokenId     the random token id
 */
public record L402Identifier(int version, PaymentHash paymentHash, TokenId tokenId) {
    /** The only defined (and latest) identifier version. */
    public static final int LATEST_VERSION = 0;
    /** Encoded size of a version-0 identifier. */
    public static final int SIZE = 2 + 32 + 32;

    /** @throws IllegalArgumentException for a version other than 0 */
    public L402Identifier {
        if (version != LATEST_VERSION) {
            throw new IllegalArgumentException("unknown L402 identifier version " + version);
        }
        Objects.requireNonNull(paymentHash, "paymentHash");
        Objects.requireNonNull(tokenId, "tokenId");
    }

    /** A version-0 identifier. */
    public static L402Identifier of(PaymentHash paymentHash, TokenId tokenId) {
        return new L402Identifier(LATEST_VERSION, paymentHash, tokenId);
    }

    /** The {@value #SIZE}-byte encoding. */
    public byte[] encode() {
        byte[] out = new byte[SIZE];
        out[0] = (byte) (version >>> 8);
        out[1] = (byte) version;
        System.arraycopy(paymentHash.ref(), 0, out, 2, 32);
        System.arraycopy(tokenId.ref(), 0, out, 34, 32);
        return out;
    }

    /**
     * Decodes an identifier. Stricter than aperture (which ignores trailing bytes): the input must be exactly
     * {@value #SIZE} bytes.
     *
     * @throws IdentifierFormatException with {@link IdentifierFormatException#unknownVersion()} set when the
     *                                   version is not 0, else for a wrong length
     */
    public static L402Identifier decode(byte[] data) throws IdentifierFormatException {
        if (data == null || data.length < 2) {
            throw new IdentifierFormatException(false, "identifier too short");
        }
        int version = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
        if (version != LATEST_VERSION) {
            throw new IdentifierFormatException(true, "unknown L402 identifier version " + version);
        }
        if (data.length != SIZE) {
            throw new IdentifierFormatException(false, "version 0 identifier must be 66 bytes, got " + data.length);
        }
        byte[] hash = new byte[32];
        byte[] id = new byte[32];
        System.arraycopy(data, 2, hash, 0, 32);
        System.arraycopy(data, 34, id, 0, 32);
        return new L402Identifier(version, PaymentHash.of(hash), TokenId.of(id));
    }

    /** The key id of this token's root key: {@code sha256(encode())}. */
    public RootKeyId rootKeyId() {
        return RootKeyId.of(this);
    }
}
