package dev.turnpike.nodes.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a short credential kept alone in a file: a Core Lightning rune, an LNbits key. */
public final class SecretFiles {

    /** The largest file read as a credential. */
    public static final int MAX_BYTES = 4096;

    private SecretFiles() {}

    /**
     * The file's text, stripped.
     *
     * @param what what the file holds, for the error, e.g. {@code "a rune"}
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException if the file is empty or too large to be {@code what}
     */
    public static String read(Path file, String what) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (bytes.length > MAX_BYTES || text.isEmpty()) {
            throw new IllegalArgumentException(file + " is " + (text.isEmpty() ? "empty" : "too large to be " + what));
        }
        return text;
    }
}
