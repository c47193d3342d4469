package dev.turnpike.nodes.http;

import java.time.Duration;
import java.util.Objects;

/** Checks of configured durations, with messages that name the setting. */
public final class Durations {

    private Durations() {}

    public static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    /** At least one second, as node APIs that take whole seconds need. */
    public static Duration wholeSeconds(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.toSeconds() <= 0) {
            throw new IllegalArgumentException(what + " must be at least one second: " + d);
        }
        return d;
    }
}
