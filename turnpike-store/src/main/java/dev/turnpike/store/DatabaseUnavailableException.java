package dev.turnpike.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The database cannot be used at all: unreachable, or the login was refused. The message says why, naming the
 * server but never a password.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    DatabaseUnavailableException(String context, Throwable cause) {
        super(context + ": " + reasons(cause), cause);
    }

    /** The messages along the cause chain, outermost first (the driver's, then e.g. the socket's), each once. */
    private static String reasons(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().strip();
            if (!m.isEmpty() && messages.stream().noneMatch(seen -> seen.contains(m))) {
                messages.add(m);
            }
        }
        return messages.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", messages);
    }
}
