package dev.turnpike.gateway.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.io.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bridge's own Ed25519 signing key (it signs renew certificates): made on first start and kept owner-only in the
 * state folder ({@value #FILE_NAME}: the 32-byte seed in base64url on one line), so restarts keep it and the JWKS
 * stays valid. A key file other users may read is refused, as every secret file is.
 */
public final class BridgeKey {

    public static final String FILE_NAME = "bifrost-signing.key";
    private static final int SEED_CHARS = 43;

    private final Ed25519KeyPair keyPair;

    private BridgeKey(Ed25519KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /**
     * Reads the key from {@code file}, or makes one and writes it there (0600).
     *
     * @throws IOException also if the file is open to other users ({@link PrivateFiles#requireOwnerOnly}) or holds
     *                     no key
     */
    public static BridgeKey loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            PrivateFiles.requireOwnerOnly(file, "the Bifrost signing key file");
            byte[] text = Files.readAllBytes(file);
            try {
                String line = new String(text, StandardCharsets.US_ASCII).strip();
                byte[] seed = line.length() == SEED_CHARS ? Base64.getUrlDecoder().decode(line) : new byte[0];
                try {
                    return new BridgeKey(Ed25519KeyPair.fromSeed(seed));
                } finally {
                    Arrays.fill(seed, (byte) 0);
                }
            } catch (IllegalArgumentException e) {
                throw new IOException("the Bifrost signing key file " + file + " holds no key; delete it to make a"
                        + " new one (applications then need new renew certificates)");
            } finally {
                Arrays.fill(text, (byte) 0);
            }
        }
        Ed25519KeyPair made = Ed25519KeyPair.generate(random);
        IOException[] failed = {null};
        made.exportSeed(seed -> {
            byte[] line = (Base64.getUrlEncoder().withoutPadding().encodeToString(seed) + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            try {
                PrivateFiles.writeAtomically(file, line);
            } catch (IOException e) {
                failed[0] = e;
            } finally {
                Arrays.fill(line, (byte) 0);
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        return new BridgeKey(made);
    }

    /** A key held in memory only (tests, benchmarks). */
    public static BridgeKey of(Ed25519KeyPair keyPair) {
        return new BridgeKey(keyPair);
    }

    public Ed25519KeyPair keyPair() {
        return keyPair;
    }

    public Ed25519PublicKey publicKey() {
        return keyPair.publicKey();
    }

    /** Its key id: the public key in base58, as the protocol names every key. */
    public String id() {
        return publicKey().toBase58();
    }

    /** The public key as a JWK (RFC 8037: OKP, Ed25519), with {@code kid}, {@code use} and {@code alg}. */
    Map<String, Object> jwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey().toBytes()));
        jwk.put("kid", id());
        jwk.put("use", "sig");
        jwk.put("alg", "Ed25519");
        return jwk;
    }

    @Override
    public String toString() {
        return "BridgeKey[" + publicKey().fingerprint() + "]";
    }
}
