package dev.turnpike.devnode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A dev wallet as a listing shows it: never its API key (only its hash is stored).
 *
 * @param createdAt empty for wallets made before the node recorded it
 */
public record WalletSummary(WalletId id, Optional<String> name, long balanceMsat, Optional<Instant> createdAt) {

    public WalletSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
