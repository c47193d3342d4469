package dev.turnpike.devnode;

import dev.turnpike.lightning.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The secret that authorises spending from a dev wallet: 256 random bits, as "tpk_" and 64 hex digits. The
 * node stores only its SHA-256. Redacted in {@code toString}; compared in constant time.
 */
public final class ApiKey {

    private static final String PREFIX = "tpk_";
    private static final int HEX_LENGTH = 64;

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    static ApiKey random(SecureRandom random) {
        byte[] bytes = new byte[HEX_LENGTH / 2];
        random.nextBytes(bytes);
        return new ApiKey(PREFIX + HexFormat.of().formatHex(bytes));
    }

    /** Parses a key as given by a client; empty if it is not of the key's form. */
    public static Optional<ApiKey> parse(String value) {
        Objects.requireNonNull(value, "value");
        boolean wellFormed = value.length() == PREFIX.length() + HEX_LENGTH && value.startsWith(PREFIX)
                && value.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        return wellFormed ? Optional.of(new ApiKey(value)) : Optional.empty();
    }

    /** The key itself, to give to the wallet's owner once. */
    public String reveal() {
        return value;
    }

    byte[] hash() {
        return Sha256.hash(value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), other.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return HexFormat.of().formatHex(hash()).hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
