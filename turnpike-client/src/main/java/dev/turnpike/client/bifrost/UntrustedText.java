package dev.turnpike.client.bifrost;

import java.util.Objects;

/**
 * Text from a bridge or a session (an application's name, a problem's detail) made safe to print: it reaches a
 * terminal, where control characters can move the cursor or recolour the screen and bidirectional formatting
 * characters can make a name read differently from what it is.
 */
public final class UntrustedText {

    private UntrustedText() {}

    /**
     * {@code text} on one line: control characters (C0, DEL, C1), line and paragraph separators, bidirectional
     * formatting characters and unpaired surrogates written as {@code \\uXXXX}; cut after {@code max} code points,
     * with {@code …}.
     */
    public static String printable(String text, int max) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        int shown = 0;
        for (int i = 0; i < text.length(); shown++) {
            if (shown == max) {
                return out.append('…').toString();
            }
            int cp = text.codePointAt(i);
            if (isUnsafe(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean isUnsafe(int cp) {
        return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x061c || cp == 0x200e
                || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }
}
