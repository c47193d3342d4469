package dev.turnpike.client.bifrost;

import java.nio.file.Path;

/**
 * A key file cannot be used: missing, unreadable, readable by other users, not a key file, or (when creating)
 * already there. The message names the file, never its content.
 */
public final class KeyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    KeyFileException(Path file, String problem) {
        super("key file " + file + ": " + problem);
    }

    KeyFileException(Path file, String problem, Throwable cause) {
        super("key file " + file + ": " + problem, cause);
    }
}
