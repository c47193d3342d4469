package dev.turnpike.bifrost.session;

import dev.turnpike.bifrost.encoding.Base64Url;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * The application's secret credential for reading its session's outcome: 256 random bits as 43 URL-safe
 * characters. It is returned once, to the creator of the session; Bifrost stores only its {@link #hash()}.
 * {@link #toString()} is redacted.
 */
public final class PollToken {
    public static final int BYTES = 32;

    private final String text;

    private PollToken(String text) {
        this.text = text;
    }

    /** A fresh token drawn from {@code random}. */
    public static PollToken generate(SecureRandom random) {
        return new PollToken(Base64Url.encode(RandomText.draw(Objects.requireNonNull(random, "random"), BYTES)));
    }

    /** The token in {@code text} as presented by a client, or empty if it is not of the token's form. */
    public static Optional<PollToken> parse(String text) {
        Objects.requireNonNull(text, "text");
        return RandomText.decode(text, BYTES).map(bytes -> new PollToken(text));
    }

    /** The token itself, to give to the session's creator once. */
    public String reveal() {
        return text;
    }

    /** What is stored instead of the token. */
    public PollTokenHash hash() {
        return PollTokenHash.of(this);
    }

    @Override
    public String toString() {
        return "PollToken[redacted]";
    }
}
