package dev.turnpike.devnode;

import dev.turnpike.io.PrivateFiles;
import dev.turnpike.lightning.crypto.PrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's secp256k1 key: 32 raw bytes in a file, created owner-only on first start. */
final class NodeKeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(NodeKeyFile.class);

    private NodeKeyFile() {}

    static PrivateKey loadOrCreate(Path file, SecureRandom random) throws IOException {
        try {
            return load(file);
        } catch (NoSuchFileException absent) {
            PrivateKey key = PrivateKey.generate(random);
            try {
                key.exportSecret(secret -> {
                    try {
                        PrivateFiles.writeAtomically(file, secret);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            LOG.info("created node key {} for node {}", file, key.publicKey());
            return key;
        }
    }

    /** The key in {@code file}; refused if other users may use the file ({@link PrivateFiles#requireOwnerOnly}). */
    private static PrivateKey load(Path file) throws IOException {
        PrivateFiles.requireOwnerOnly(file, "the node key file"); // NoSuchFileException when absent
        byte[] secret = Files.readAllBytes(file);
        try {
            if (secret.length != PrivateKey.LENGTH) {
                throw new IOException("node key file " + file + " has " + secret.length + " bytes, not 32");
            }
            return PrivateKey.fromBytes(secret);
        } catch (IllegalArgumentException e) {
            throw new IOException("node key file " + file + " does not hold a valid secp256k1 key", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
