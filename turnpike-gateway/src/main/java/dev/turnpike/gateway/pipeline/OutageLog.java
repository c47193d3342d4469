package dev.turnpike.gateway.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When to log a failure that repeats: once when it starts and once when it ends, not once a request. A full disk
 * or a database that is down fails every write until it is fixed, and a line per request would bury the cause.
 */
final class OutageLog {

    private final AtomicBoolean down = new AtomicBoolean();

    /** @return whether this is the first failure since the last success: log it */
    boolean failed() {
        return down.compareAndSet(false, true);
    }

    /** @return whether this is the first success after failures: log the recovery */
    boolean succeeded() {
        return down.get() && down.compareAndSet(true, false);
    }

    /** What failed and why, in one line without a stack trace: the messages along the cause chain. */
    static String reasons(Throwable e) {
        StringBuilder line = new StringBuilder(e.toString());
        Throwable c = e.getCause();
        for (int depth = 0; c != null && depth < 5; depth++, c = c.getCause()) {
            String reason = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            if (line.indexOf(reason) < 0) { // wrappers often repeat their cause's message
                line.append(": ").append(reason);
            }
        }
        return line.toString();
    }
}
