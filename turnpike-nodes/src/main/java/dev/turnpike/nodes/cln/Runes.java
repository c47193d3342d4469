package dev.turnpike.nodes.cln;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a Core Lightning rune from its own file (made with {@code lightning-cli createrune}). */
public final class Runes {

    private static final int MAX_BYTES = 4096;

    private Runes() {}

    /**
     * The rune: the file's one line, stripped.
     *
     * @throws IllegalArgumentException if the file is empty or too large to be a rune
     */
    public static String fromFile(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        String rune = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (bytes.length > MAX_BYTES || rune.isEmpty()) {
            throw new IllegalArgumentException(file + " is " + (rune.isEmpty() ? "empty" : "too large to be a rune"));
        }
        return rune;
    }
}
