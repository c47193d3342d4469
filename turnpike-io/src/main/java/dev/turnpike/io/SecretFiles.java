package dev.turnpike.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a short credential kept alone in a file: a Core Lightning rune, an LNbits key, a database password. A file
 * other users may use is refused ({@link PrivateFiles#requireOwnerOnly}).
 */
public final class SecretFiles {

    /** The largest file read as a credential. */
    public static final int MAX_BYTES = 4096;

    private SecretFiles() {}

    /**
     * The file's text, stripped.
     *
     * @param what what the file holds, for the error, e.g. {@code "a rune"}
     * @throws IOException              if it cannot be read, or other users may use it
     * @throws IllegalArgumentException if the file is empty or too large to be {@code what}
     */
    public static String read(Path file, String what) throws IOException {
        String text = readBounded(file, what).strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        return text;
    }

    /**
     * The file's first line as it is (a trailing {@code \n} or {@code \r\n} is not part of it).
     *
     * @throws IOException              if it cannot be read, or other users may use it
     * @throws IllegalArgumentException if the file is too large to be {@code what}
     */
    public static String firstLine(Path file, String what) throws IOException {
        String text = readBounded(file, what);
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String readBounded(Path file, String what) throws IOException {
        PrivateFiles.requireOwnerOnly(file, what + " file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is too large to be " + what);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
