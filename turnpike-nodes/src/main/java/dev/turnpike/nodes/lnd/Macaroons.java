package dev.turnpike.nodes.lnd;

import dev.turnpike.io.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Reads an lnd macaroon file ({@code invoice.macaroon}, {@code admin.macaroon}) for the REST header, as hex. */
public final class Macaroons {

    private static final int MAX_BYTES = 64 * 1024;

    private Macaroons() {}

    /**
     * The file's macaroon in hex: lnd writes binary; a file that already holds hex is taken as it is.
     *
     * @throws IOException if it cannot be read, or other users may use it ({@link PrivateFiles#requireOwnerOnly})
     * @throws IllegalArgumentException if it is empty or too large to be a macaroon
     */
    public static String hexFromFile(Path file) throws IOException {
        PrivateFiles.requireOwnerOnly(file, "the macaroon file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is " + (bytes.length == 0 ? "empty" : "too large")
                    + " to be a macaroon");
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).strip();
        if (!text.isEmpty() && text.length() % 2 == 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return text.toLowerCase(java.util.Locale.ROOT);
        }
        return HexFormat.of().formatHex(bytes);
    }
}
