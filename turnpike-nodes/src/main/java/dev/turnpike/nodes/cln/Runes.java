package dev.turnpike.nodes.cln;

import dev.turnpike.io.SecretFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a Core Lightning rune from its own file (made with {@code lightning-cli createrune}). */
public final class Runes {

    private Runes() {}

    /**
     * The rune: the file's one line, stripped.
     *
     * @throws IllegalArgumentException if the file is empty or too large to be a rune
     */
    public static String fromFile(Path file) throws IOException {
        return SecretFiles.read(file, "a rune");
    }
}
