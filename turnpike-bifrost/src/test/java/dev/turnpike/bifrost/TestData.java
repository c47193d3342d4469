package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.encoding.Base64Url;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared test data: vector files, deterministic randomness and keys, hand-made JWS. */
public final class TestData {
    private TestData() {}

    /** Non-comment, non-blank lines of a resource. */
    public static List<String> lines(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SecureRandom whose output depends only on {@code seed}, so that failures can be reproduced. */
    public static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key pair that depends only on {@code label}. */
    public static Ed25519KeyPair keyPair(long label) {
        byte[] seed = new byte[Ed25519KeyPair.SEED_LENGTH];
        new Random(label).nextBytes(seed);
        return Ed25519KeyPair.fromSeed(seed);
    }

    /** {@code text} with 1 to 4 characters deleted, inserted or replaced by ones of {@code alphabet}. */
    public static String damage(String text, Random random, String alphabet) {
        StringBuilder s = new StringBuilder(text);
        for (int m = 1 + random.nextInt(4); m > 0 && !s.isEmpty(); m--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return s.toString();
    }

    /** base64url of the UTF-8 of {@code text}. */
    public static String b64(String text) {
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A compact JWS of exactly these header and payload texts, signed by {@code key} as a JavaScript wallet would. */
    public static String jws(Ed25519KeyPair key, String headerJson, String payloadJson) {
        String signingInput = b64(headerJson) + "." + b64(payloadJson);
        return signingInput + "." + Base64Url.encode(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
