package dev.turnpike.gateway.api;

import dev.turnpike.io.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API's bearer secret: 256 random bits, made on first start and kept owner-only in the state
 * folder, so that restarts keep it and only the operator (who can read the file) can use the API.
 */
public final class AdminSecret {

    private static final String PREFIX = "tpadm_";
    private final byte[] secret;

    private AdminSecret(String secret) {
        this.secret = secret.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads the secret from {@code file}, or makes one and writes it there.
     *
     * @throws IOException also if the file is open to other users ({@link PrivateFiles#requireOwnerOnly})
     */
    public static AdminSecret loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            PrivateFiles.requireOwnerOnly(file, "the admin secret file");
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!text.startsWith(PREFIX) || text.length() < PREFIX.length() + 43) {
                throw new IOException("the admin secret file " + file + " does not hold a secret; delete it to make a new one");
            }
            return new AdminSecret(text);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String text = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        PrivateFiles.writeAtomically(file, (text + "\n").getBytes(StandardCharsets.US_ASCII));
        return new AdminSecret(text);
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <this secret>}; constant time. */
    public boolean authorizes(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, secret);
    }

    @Override
    public String toString() {
        return "AdminSecret[redacted]";
    }
}
