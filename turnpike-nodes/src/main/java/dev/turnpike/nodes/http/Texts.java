package dev.turnpike.nodes.http;

/** What a node says goes into our messages as one bounded, printable line, never its control characters. */
public final class Texts {

    private static final int MAX_LENGTH = 300;

    private Texts() {}

    public static String clean(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_LENGTH + 1));
        for (int i = 0; i < s.length() && sb.length() < MAX_LENGTH; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (s.length() > MAX_LENGTH) {
            sb.append('…');
        }
        return sb.toString().strip();
    }

    /** An exception's message, or its type when it has none. */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : clean(m);
    }
}
