package dev.turnpike.bifrost.session;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A short code shown by the application next to the QR code and by the wallet before approval, so that the user
 * can see that the request on the wallet is the one on the screen: {@value #LENGTH} characters of RFC 8628's
 * base-20 alphabet {@value #ALPHABET} (no vowels, so no words; no look-alike digits), about 26 bits. Displayed as
 * {@code BCD-FGH}. Not a secret.
 */
public final class ConfirmationCode {
    public static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    public static final int LENGTH = 6;

    private final String text;

    private ConfirmationCode(String text) {
        this.text = text;
    }

    /** A fresh code, each character uniform over the alphabet. */
    public static ConfirmationCode generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new ConfirmationCode(code.toString());
    }

    /**
     * The code in {@code text}: six letters of the alphabet, optionally with a {@code -} after the third, in any
     * case (as RFC 8628 advises for codes people type). Empty if it is none.
     */
    public static Optional<ConfirmationCode> parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > LENGTH + 1 || !text.chars().allMatch(c -> c < 128)) {
            return Optional.empty();
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.length() == LENGTH + 1 && upper.charAt(LENGTH / 2) == '-') {
            upper = upper.substring(0, LENGTH / 2) + upper.substring(LENGTH / 2 + 1);
        }
        boolean valid = upper.length() == LENGTH && upper.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
        return valid ? Optional.of(new ConfirmationCode(upper)) : Optional.empty();
    }

    /** Six letters, e.g. {@code BCDFGH}. */
    public String text() {
        return text;
    }

    /** For people, e.g. {@code BCD-FGH}. */
    public String display() {
        return text.substring(0, LENGTH / 2) + "-" + text.substring(LENGTH / 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfirmationCode other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return display();
    }
}
