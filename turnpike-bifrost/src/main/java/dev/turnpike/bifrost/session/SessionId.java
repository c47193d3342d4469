package dev.turnpike.bifrost.session;

import dev.turnpike.bifrost.crypto.Sha256;
import dev.turnpike.bifrost.encoding.Base64Url;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A session id: 128 random bits as 22 URL-safe characters (unpadded base64url). It is in the QR code and the
 * session URL, and in the original protocol it alone fetches the token, so it is treated as a secret: {@link
 * #equals} is constant-time, {@link #toString()} shows only a hash, and audit logs use {@link #hashed()}.
 */
public final class SessionId {
    public static final int BYTES = 16;
    /** Length of {@link #text()}. */
    public static final int TEXT_LENGTH = 22;

    private final byte[] bytes;
    private final String text;

    private SessionId(byte[] bytes) {
        this.bytes = bytes;
        this.text = Base64Url.encode(bytes);
    }

    /** A fresh id drawn from {@code random}. */
    public static SessionId generate(SecureRandom random) {
        return new SessionId(RandomText.draw(Objects.requireNonNull(random, "random"), BYTES));
    }

    /** The id in {@code text}, or empty if it is not the canonical form of one (an unknown id, then). */
    public static Optional<SessionId> parse(String text) {
        Objects.requireNonNull(text, "text");
        return RandomText.decode(text, BYTES).map(SessionId::new);
    }

    /** The URL-safe text form, for the session URL, the deep link and API answers. */
    public String text() {
        return text;
    }

    /** Hex SHA-256 of the id's bytes: for audit logs and as a storage key; does not reveal the id. */
    public String hashed() {
        return HexFormat.of().formatHex(Sha256.hash(bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionId other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Only a prefix of the hash, never the id. */
    @Override
    public String toString() {
        return "SessionId[sha256:" + hashed().substring(0, 16) + "]";
    }
}
