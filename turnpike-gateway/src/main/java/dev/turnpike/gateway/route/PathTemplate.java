package dev.turnpike.gateway.route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path with variables, e.g. {@code /sites/{site}/meters}: literal segments match themselves, a {@code {name}}
 * segment matches one non-empty segment and binds it (percent-decoded) to {@code name}. The whole path must match.
 * Compiled once; immutable.
 */
public final class PathTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,31})}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%-]*");

    private final String text;
    private final Pattern pattern;
    private final List<String> variables;

    private PathTemplate(String text, Pattern pattern, List<String> variables) {
        this.text = text;
        this.pattern = pattern;
        this.variables = variables;
    }

    /**
     * Compiles {@code text}.
     *
     * @throws IllegalArgumentException if it does not start with {@code /}, a segment is neither a literal path
     *                                  segment nor one whole {@code {variable}}, or a variable is named twice
     */
    public static PathTemplate parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/', was \"" + text + "\"");
        }
        StringBuilder regex = new StringBuilder();
        List<String> variables = new ArrayList<>();
        for (String segment : text.substring(1).split("/", -1)) {
            regex.append('/');
            Matcher v = VARIABLE.matcher(segment);
            if (v.matches()) {
                if (variables.contains(v.group(1))) {
                    throw new IllegalArgumentException("names {" + v.group(1) + "} twice");
                }
                variables.add(v.group(1));
                regex.append("([^/]+)");
            } else if (LITERAL.matcher(segment).matches()) {
                regex.append(Pattern.quote(segment));
            } else {
                throw new IllegalArgumentException("a segment must be a path segment or one {variable} (letters,"
                        + " digits, '_'), was \"" + segment + "\"");
            }
        }
        return new PathTemplate(text, Pattern.compile(regex.toString()), List.copyOf(variables));
    }

    /** The variables, in order. */
    public List<String> variables() {
        return variables;
    }

    /** The values of the variables if {@code path} matches, else null. */
    public Map<String, String> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        if (variables.isEmpty()) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), decode(m.group(i + 1)));
        }
        return values;
    }

    /** Whether {@code path} matches. */
    public boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment; // a broken escape is taken as it is: it then names no granted resource
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
