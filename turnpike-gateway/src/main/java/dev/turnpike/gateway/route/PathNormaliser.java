package dev.turnpike.gateway.route;

/**
 * Puts a request path in the one form that is both matched (routes, {@code whitelist}, {@code capability_rules})
 * and forwarded, so an upstream can never resolve a path to something other than what the gateway matched.
 * Without it, {@code /public/../secret} matched a free {@code /public/.*} rule and reached the upstream, which
 * resolved it to {@code /secret}.
 *
 * <p>The rules, applied once per request before anything reads the path:
 * <ol>
 *   <li>Percent-encoded unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are decoded, other percent-encodings
 *       get upper-case hex digits (RFC 3986 §6.2.2.1–2), so {@code %2e%2E} is {@code ..}.</li>
 *   <li>Runs of slashes become one ({@code //a} is {@code /a}), as nginx does by default.</li>
 *   <li>Dot-segments are removed (RFC 3986 §5.2.4): {@code /a/./b/../c} is {@code /a/c}; {@code ..} never
 *       climbs above the root.</li>
 * </ol>
 * Refused, because an upstream may read them as something else than the gateway does: an encoded slash or
 * backslash ({@code %2F}, {@code %5C}), an encoded NUL, a raw backslash, a dot-segment with parameters
 * ({@code ..;x}, which Tomcat reads as {@code ..}), a {@code %} not followed by two hex digits, and any
 * character outside printable ASCII.
 *
 * <p>Pure and allocation-free for a path that is already normal, the common case.
 */
public final class PathNormaliser {

    private PathNormaliser() {}

    /**
     * The normal form of {@code rawPath} (the request target's path, without query, starting with {@code /}),
     * or {@code rawPath} itself when it is already normal.
     *
     * @throws InvalidPathException when the path is refused; its message says why, for the client
     */
    public static String normalise(String rawPath) throws InvalidPathException {
        if (!rawPath.startsWith("/")) {
            throw new InvalidPathException("the path must start with '/'");
        }
        return isNormal(rawPath) ? rawPath : removeDotSegments(decodeUnreserved(rawPath));
    }

    /**
     * One pass over the characters, refusing what may not appear raw: true when no rule applies, which is what
     * almost every request looks like.
     */
    private static boolean isNormal(String path) throws InvalidPathException {
        boolean normal = true;
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new InvalidPathException("the path has a character that must be percent-encoded");
            }
            if (c == '\\') {
                throw new InvalidPathException("the path has a backslash");
            }
            normal &= c != '%' && !(previous == '/' && (c == '/' || c == '.'));
            previous = c;
        }
        return normal;
    }

    private static String decodeUnreserved(String path) throws InvalidPathException {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int hi = i + 2 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(path.charAt(i + 2), 16);
            if (lo < 0) {
                throw new InvalidPathException("the path has a '%' that is not followed by two hex digits");
            }
            char decoded = (char) (hi << 4 | lo);
            if (decoded == '/' || decoded == '\\' || decoded == 0) {
                throw new InvalidPathException("the path has an encoded slash, backslash or NUL");
            }
            if (isUnreserved(decoded)) {
                out.append(decoded);
            } else {
                out.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
                        .append(Character.toUpperCase(path.charAt(i + 2)));
            }
            i += 2;
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 3986 §5.2.4 on the segments between slashes, with empty segments (from {@code //}) dropped. */
    private static String removeDotSegments(String path) throws InvalidPathException {
        String[] segments = path.substring(1).split("/", -1);
        String[] kept = new String[segments.length];
        int count = 0;
        for (String segment : segments) {
            String name = segment.indexOf(';') < 0 ? segment : segment.substring(0, segment.indexOf(';'));
            boolean dot = name.equals(".") || name.equals("..");
            if (dot && !name.equals(segment)) {
                throw new InvalidPathException("the path has a dot-segment with parameters");
            }
            if (name.equals("..")) {
                count = Math.max(0, count - 1);
            } else if (!dot && !segment.isEmpty()) {
                kept[count++] = segment;
            }
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < count; i++) {
            out.append('/').append(kept[i]);
        }
        if (count == 0 || endsInDirectory(segments)) {
            out.append('/');
        }
        return out.toString();
    }

    /** {@code /a/} and {@code /a/b/..} name a directory: the normal form keeps the trailing slash (§5.2.4). */
    private static boolean endsInDirectory(String[] segments) {
        String last = segments[segments.length - 1];
        return last.isEmpty() || last.equals(".") || last.equals("..");
    }

    /** A path that cannot be put in normal form; the message is written for the client. */
    public static final class InvalidPathException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidPathException(String message) {
            super(message, null, false, false);
        }
    }
}
