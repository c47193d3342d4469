package dev.turnpike.devnode;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** The public identifier of a dev wallet: "w_" and 32 hex digits. */
public record WalletId(String value) {

    private static final String PREFIX = "w_";

    public WalletId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + 32
                || !value.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not a wallet id: " + value);
        }
    }

    static WalletId random(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return new WalletId(PREFIX + HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
