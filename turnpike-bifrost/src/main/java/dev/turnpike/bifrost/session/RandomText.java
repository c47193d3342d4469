package dev.turnpike.bifrost.session;

import dev.turnpike.bifrost.encoding.Base64Url;
import dev.turnpike.bifrost.encoding.EncodingException;
import java.security.SecureRandom;
import java.util.Optional;

/** Random secrets as unpadded base64url text, and their strict reading back. */
final class RandomText {
    private RandomText() {}

    static byte[] draw(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The bytes of {@code text} if it is the canonical base64url of exactly {@code length} bytes. */
    static Optional<byte[]> decode(String text, int length) {
        try {
            byte[] bytes = Base64Url.decode(text, (length * 4 + 2) / 3);
            return bytes.length == length ? Optional.of(bytes) : Optional.empty();
        } catch (EncodingException e) {
            return Optional.empty();
        }
    }
}
