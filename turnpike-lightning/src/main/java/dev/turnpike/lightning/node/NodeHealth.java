package dev.turnpike.lightning.node;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a Lightning node answered its last call, since when, and why not. Holds no secret: the reason names the
 * failure (e.g. "connection refused", "lnd refused the macaroon (HTTP 500)"), never a credential.
 *
 * @param status UNKNOWN until the first call, then UP or DOWN
 * @param since when the node entered this status
 * @param reason why it is DOWN; empty otherwise
 */
public record NodeHealth(Status status, Instant since, String reason) {

    /** The node's reachability. */
    public enum Status {
        /** Not asked yet. */
        UNKNOWN,
        UP,
        DOWN
    }

    public NodeHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean isUp() {
        return status == Status.UP;
    }
}
