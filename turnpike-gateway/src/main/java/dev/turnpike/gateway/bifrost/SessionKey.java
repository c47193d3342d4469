package dev.turnpike.gateway.bifrost;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a session is stored and looked up under: SHA-256 of its id. The id itself is never stored or logged, and
 * looking up by its hash keeps the comparison of the secret id out of the database's (non constant-time) index.
 */
public final class SessionKey {

    private static final int LENGTH = 32;

    private final byte[] hash;

    private SessionKey(byte[] hash) {
        this.hash = hash;
    }

    /** The key of the session whose id is {@code sessionId} (its text as given to clients). */
    public static SessionKey ofSessionId(String sessionId) {
        try {
            return new SessionKey(MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** A key read back from a store. */
    public static SessionKey of(byte[] hash) {
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException("a session key is " + LENGTH + " bytes, was " + hash.length);
        }
        return new SessionKey(hash.clone());
    }

    public byte[] toByteArray() {
        return hash.clone();
    }

    /** Hex, for the audit log: it names a session without revealing its id. */
    public String toHex() {
        return HexFormat.of().formatHex(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionKey k && MessageDigest.isEqual(hash, k.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "SessionKey[" + toHex().substring(0, 12) + "…]";
    }
}
