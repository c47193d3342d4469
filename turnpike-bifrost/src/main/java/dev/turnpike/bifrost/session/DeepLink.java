package dev.turnpike.bifrost.session;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wallet deep link put in the QR code, from a configured template such as {@code sea://auth?session={session}}.
 * Placeholders: {@code {session}} (the session id) and {@code {session_url}} (the session page's URL); each value
 * is percent-encoded except RFC 3986's unreserved characters, so it cannot break out of its place in the link. The
 * template is checked once, when configured. Immutable.
 */
public final class DeepLink {
    public static final String SESSION = "{session}";
    public static final String SESSION_URL = "{session_url}";
    public static final int MAX_TEMPLATE_LENGTH = 512;

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String template;

    private DeepLink(String template) {
        this.template = template;
    }

    /**
     * Checks a template.
     *
     * @throws IllegalArgumentException if it is longer than {@value #MAX_TEMPLATE_LENGTH} characters, has no URI
     *                                  scheme, holds whitespace, control or non-ASCII characters, has no placeholder
     *                                  or an unknown one
     */
    public static DeepLink of(String template) {
        Objects.requireNonNull(template, "template");
        if (template.length() > MAX_TEMPLATE_LENGTH) {
            throw new IllegalArgumentException("a deep link template has at most " + MAX_TEMPLATE_LENGTH
                    + " characters");
        }
        if (!template.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a deep link template holds only printable US-ASCII without spaces");
        }
        if (!SCHEME.matcher(template).matches()) {
            throw new IllegalArgumentException("a deep link template starts with a URI scheme, e.g. sea://");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        int found = 0;
        while (m.find()) {
            if (!m.group().equals(SESSION) && !m.group().equals(SESSION_URL)) {
                throw new IllegalArgumentException("unknown placeholder " + m.group() + " in the deep link template;"
                        + " known: " + SESSION + ", " + SESSION_URL);
            }
            found++;
        }
        if (found == 0) {
            throw new IllegalArgumentException("a deep link template holds " + SESSION + " or " + SESSION_URL);
        }
        return new DeepLink(template);
    }

    /** The link for one session. */
    public String expand(SessionId id, String sessionUrl) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionUrl, "sessionUrl");
        return template.replace(SESSION, percentEncode(id.text())).replace(SESSION_URL, percentEncode(sessionUrl));
    }

    /** The template. */
    @Override
    public String toString() {
        return template;
    }

    private static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
