package dev.turnpike.client.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.encoding.Base58;
import dev.turnpike.bifrost.encoding.EncodingException;
import dev.turnpike.io.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * An Ed25519 key pair in a file only its owner can read: the application's delegated key, or the wallet user's key.
 *
 * <pre>{@code
 * {"type":"turnpike-bifrost-ed25519-key","public_key":"<base58>","seed":"<base58 of the 32-byte private seed>"}
 * }</pre>
 *
 * <ul>
 *   <li>Created owner-only (0600, its folder 0700 if new) and written atomically ({@link PrivateFiles}).</li>
 *   <li>Like ssh with its identity files, a key file that other users may read or write is refused, so a key that
 *       may have leaked is not used silently.</li>
 *   <li>Reads are bounded ({@value #MAX_FILE_BYTES} bytes); the public key is derived from the seed and must match
 *       the stored one, so a damaged file is found at once.</li>
 *   <li>Messages name the file, never the seed.</li>
 * </ul>
 */
public final class KeyFile {

    static final String TYPE = "turnpike-bifrost-ed25519-key";
    static final int MAX_FILE_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyFile() {}

    /** The key pair in {@code file}. */
    public static Ed25519KeyPair load(Path file) throws KeyFileException {
        Objects.requireNonNull(file, "file");
        byte[] content = read(file);
        try {
            return parse(file, content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * A new key pair drawn from {@code random}, written to {@code file}.
     *
     * @param replace whether an existing file may be replaced (its key is then lost for good)
     */
    public static Ed25519KeyPair create(Path file, SecureRandom random, boolean replace) throws KeyFileException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(random, "random");
        if (!replace && Files.exists(file)) {
            throw new KeyFileException(file, "already exists; replacing it loses its key for good (--force)");
        }
        Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        write(file, key);
        return key;
    }

    /** The key pair in {@code file}, made first if there is no such file: how an application keeps its key. */
    public static Ed25519KeyPair loadOrCreate(Path file, SecureRandom random) throws KeyFileException {
        return Files.exists(file) ? load(file) : create(file, random, false);
    }

    private static void write(Path file, Ed25519KeyPair key) throws KeyFileException {
        ObjectNode json = JSON.createObjectNode().put("type", TYPE).put("public_key", key.publicKey().toBase58());
        key.exportSeed(seed -> json.put("seed", Base58.encode(seed)));
        byte[] content = (json.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            PrivateFiles.createDirectory(file.toAbsolutePath().getParent());
            PrivateFiles.writeAtomically(file, content);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot be written: " + e.getMessage(), e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static byte[] read(Path file) throws KeyFileException {
        try {
            if (PrivateFiles.isOpenToOthers(file)) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                throw new KeyFileException(file, "other users may use it (" + mode + "); if the key may have"
                        + " leaked, make a new one, else: chmod 600 " + file);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] content = in.readNBytes(MAX_FILE_BYTES + 1);
                if (content.length > MAX_FILE_BYTES) {
                    throw new KeyFileException(file, "larger than " + MAX_FILE_BYTES + " bytes: not a key file");
                }
                return content;
            }
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file, "does not exist", e);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static Ed25519KeyPair parse(Path file, byte[] content) throws KeyFileException {
        JsonNode json;
        try {
            json = JSON.readTree(content);
        } catch (IOException e) {
            throw new KeyFileException(file, "not a key file (not JSON)");
        }
        if (json == null || !json.isObject() || !TYPE.equals(json.path("type").asText(null))) {
            throw new KeyFileException(file, "not a key file (no \"type\": \"" + TYPE + "\")");
        }
        byte[] seed;
        try {
            seed = Base58.decode(json.path("seed").asText(""));
        } catch (EncodingException e) {
            throw new KeyFileException(file, "its seed is not base58");
        }
        try {
            if (seed.length != Ed25519KeyPair.SEED_LENGTH) {
                throw new KeyFileException(file, "its seed is not " + Ed25519KeyPair.SEED_LENGTH + " bytes");
            }
            Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
            if (!key.publicKey().toBase58().equals(json.path("public_key").asText(""))) {
                throw new KeyFileException(file, "its public key is not the seed's: the file is damaged");
            }
            return key;
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
