package dev.turnpike.bifrost;

/** Rules for short texts shown to people (app names, scopes, resource ids) and for quoting input in messages. */
final class Texts {
    private static final int QUOTE_LIMIT = 40;

    private Texts() {}

    /**
     * Why {@code text} is not a displayable text of 1..{@code maxCodePoints} code points, or null if it is: it must
     * not be blank, and must hold no control characters, no unpaired surrogates and no bidirectional formatting
     * characters (which can make a shown name read differently from what it is).
     */
    static String displayTextProblem(String text, int maxCodePoints) {
        if (text.isBlank()) {
            return "is empty or blank";
        }
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isISOControl(cp)) {
                return "contains a control character";
            }
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                return "contains an unpaired surrogate";
            }
            if (isBidiControl(cp)) {
                return "contains a bidirectional formatting character";
            }
            i += Character.charCount(cp);
            if (++count > maxCodePoints) {
                return "is longer than " + maxCodePoints + " characters";
            }
        }
        return null;
    }

    /** Whether {@code text} is 1..{@code maxLength} printable US-ASCII characters without spaces. */
    static boolean isPrintableAscii(String text, int maxLength) {
        return !text.isEmpty() && text.length() <= maxLength && text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** A short, printable rendering of untrusted input for messages: quoted, escaped, cut at 40 characters. */
    static String quote(String text) {
        return "\"" + clip(text.replace("\\", "\\\\").replace("\"", "\\\""), QUOTE_LIMIT) + "\"";
    }

    /** {@code text} with characters outside printable US-ASCII written as Java escapes, cut at {@code max}. */
    static String clip(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return text.length() > max ? out.append('…').toString() : out.toString();
    }

    private static boolean isBidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }
}
