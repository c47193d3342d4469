package dev.turnpike.bifrost.encoding;

import java.util.Base64;
import java.util.Objects;

/**
 * Base64url without padding (RFC 4648 section 5), as JWS (RFC 7515) uses it. The decoder is strict: only the
 * 64 URL-safe characters, no {@code '='}, no whitespace, and unused trailing bits must be zero, so that each
 * byte array has exactly one accepted text form.
 */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {}

    /** Encodes {@code bytes} without padding. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Decodes unpadded base64url of at most {@code maxLength} characters.
     *
     * @throws EncodingException if too long, a character is outside the alphabet, the length is impossible
     *                           (4n+1) or the last character carries non-zero unused bits
     */
    public static byte[] decode(CharSequence text, int maxLength) throws EncodingException {
        Objects.requireNonNull(text, "text");
        int length = text.length();
        if (length > maxLength) {
            throw new EncodingException("base64url text is longer than " + maxLength + " characters", -1);
        }
        int lastValue = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            lastValue = valueOf(c);
            if (lastValue < 0) {
                throw EncodingException.invalidCharacter("base64url", c, i);
            }
        }
        int tail = length % 4;
        if (tail == 1) {
            throw new EncodingException("base64url text of " + length + " characters cannot be complete", -1);
        }
        // 2 trailing characters carry 12 bits for 8 (4 unused), 3 carry 18 bits for 16 (2 unused)
        int unusedBitsMask = tail == 2 ? 0x0f : tail == 3 ? 0x03 : 0;
        if ((lastValue & unusedBitsMask) != 0) {
            throw new EncodingException("base64url text is not canonical: its last character has unused bits set",
                    length - 1);
        }
        return DECODER.decode(text.toString());
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }
}
