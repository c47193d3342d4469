package dev.turnpike.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Defaults and small formats shared by the Bifrost commands ({@code app}, {@code wallet}). */
final class BifrostFiles {

    private BifrostFiles() {}

    /** {@code $TURNPIKE_HOME/bifrost}, else {@code ~/.turnpike/bifrost}: owner-only, made on first use. */
    static Path folder() {
        return DataDirOption.turnpikeHome().resolve("bifrost");
    }

    static Path appKey() {
        return folder().resolve("app.key");
    }

    static Path appToken() {
        return folder().resolve("app-token.json");
    }

    static Path walletKey() {
        return folder().resolve("wallet.key");
    }

    /** {@code 2026-11-22T10:03:00Z (in 2 min 41 s)}, or {@code (passed)}. */
    static String until(Instant when, Clock clock) {
        Duration left = Duration.between(clock.instant(), when);
        if (left.isNegative() || left.isZero()) {
            return when + " (passed)";
        }
        long s = left.toSeconds();
        return when + " (in " + (s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s") + ")";
    }
}
