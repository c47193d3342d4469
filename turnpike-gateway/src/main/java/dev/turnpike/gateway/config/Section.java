package dev.turnpike.gateway.config;

import dev.turnpike.gateway.config.YamlTree.Entry;
import dev.turnpike.gateway.config.YamlTree.MapNode;
import dev.turnpike.gateway.config.YamlTree.Node;
import dev.turnpike.gateway.config.YamlTree.Pos;
import dev.turnpike.gateway.config.YamlTree.Scalar;
import dev.turnpike.gateway.config.YamlTree.SeqNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One mapping of the file being read, with the keys it may hold: the helper every section reader shares. Unknown
 * keys are reported when it is opened; its getters turn values into types, recording a problem with line, column
 * and key path for each value that does not fit. Getters return the default when a key is absent and null when its
 * value is wrong (the problem recorded), so a reader reads every key, then asks {@link #failed()} once.
 */
final class Section {

    static final String BOOL = "true or false";
    static final int MAX_REGEX_LENGTH = 4096;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** What every section of one file shares: its problems, and what paths and variables resolve against. */
    record Context(Problems problems, Path baseDir, Path userHome, Map<String, String> env) {}

    /** An item of a list, with its key path ({@code services[2]}). */
    record Item(Node node, String path) {}

    private final Context cx;
    private final Problems p;
    private final int errorsBefore;
    final String path;
    final Pos pos;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> badLists = new HashSet<>();

    private Section(Context cx, Node n, String path, Pos fallback, List<String> allowed) {
        this.cx = cx;
        this.p = cx.problems();
        this.errorsBefore = p.errorCount();
        this.path = path;
        this.pos = n == null ? fallback : n.pos();
        if (n == null || (n instanceof Scalar s && s.isNull())) {
            return;
        }
        if (!(n instanceof MapNode m)) {
            p.error(n.pos(), path, "must be a mapping of settings (key: value), was " + YamlTree.kind(n));
            return;
        }
        for (Entry e : m.entries()) {
            String k = e.key().value();
            if (allowed.contains(k)) {
                entries.put(k, e);
            } else {
                p.error(e.key().pos(), at(k), ConfigReader.unknownKey(k, allowed));
            }
        }
    }

    /** The document itself, with its top-level keys. */
    static Section root(Context cx, Node root, List<String> allowed) {
        return new Section(cx, root, "", Pos.START, allowed);
    }

    /** The mapping under {@code key} (empty if absent). */
    Section sub(String key, List<String> allowed) {
        return new Section(cx, node(key), at(key), keyPos(key), allowed);
    }

    /** A list item read as a mapping. */
    Section item(Item item, List<String> allowed) {
        return new Section(cx, item.node(), item.path(), item.node().pos(), allowed);
    }

    /** Whether an error was recorded since this section was opened (in it, its sub-sections, or by its reader). */
    boolean failed() {
        return p.errorCount() > errorsBefore;
    }

    // ------------------------------------------------------------------ keys and positions

    String at(String key) {
        return YamlTree.join(path, key);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Node node(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    Pos keyPos(String key) {
        Entry e = entries.get(key);
        return e == null ? pos : e.key().pos();
    }

    Pos valuePos(String key) {
        Entry e = entries.get(key);
        return e == null ? pos : e.value().pos();
    }

    // ------------------------------------------------------------------ problems

    void error(Pos where, String at, String message) {
        p.error(where, at, message);
    }

    void warn(Pos where, String at, String message) {
        p.warn(where, at, message);
    }

    /** An error about a key that is set (at the key). */
    void errorAtKey(String key, String message) {
        p.error(keyPos(key), at(key), message);
    }

    /** An error about a key's value (at the value). */
    void errorAtValue(String key, String message) {
        p.error(valuePos(key), at(key), message);
    }

    /** An error about a key that is missing (at the section). */
    void errorMissing(String key, String message) {
        p.error(pos, at(key), message);
    }

    void warnAtKey(String key, String message) {
        p.warn(keyPos(key), at(key), message);
    }

    void warnAtValue(String key, String message) {
        p.warn(valuePos(key), at(key), message);
    }

    // ------------------------------------------------------------------ typed values

    /** A scalar converted by {@code f}; null (problem recorded) if it is not a scalar, empty, or rejected. */
    <T> T scalar(Node n, String at, String what, Function<String, T> f) {
        if (!(n instanceof Scalar s)) {
            p.error(n.pos(), at, "must be " + what + ", was " + YamlTree.kind(n));
            return null;
        }
        if (s.isNull()) {
            p.error(s.pos(), at, "must be " + what + ", was empty");
            return null;
        }
        try {
            return f.apply(s.value());
        } catch (IllegalArgumentException e) {
            p.error(s.pos(), at, e.getMessage());
            return null;
        }
    }

    /** The value of an optional key; {@code absent} when it is not set. */
    <T> T opt(String key, T absent, String what, Function<String, T> f) {
        Node n = node(key);
        return n == null ? absent : scalar(n, at(key), what, f);
    }

    /** The value of a required key; a missing key is a problem ("is required: " + what). */
    <T> T req(String key, String what, Function<String, T> f) {
        Node n = node(key);
        if (n == null) {
            errorMissing(key, "is required: " + what);
            return null;
        }
        return scalar(n, at(key), what, f);
    }

    Boolean bool(String key, boolean absent) {
        return opt(key, absent, BOOL, Values::bool);
    }

    /** The items of a list value (none if absent, empty, or not a list: the latter reported). */
    List<Item> list(String key, String what) {
        Node n = node(key);
        if (n == null || (n instanceof Scalar s && s.isNull())) {
            return List.of();
        }
        if (!(n instanceof SeqNode q)) {
            if (badLists.add(key)) {
                p.error(n.pos(), at(key), "must be " + what + ", was " + YamlTree.kind(n));
            }
            return List.of();
        }
        List<Item> out = new ArrayList<>(q.items().size());
        for (int i = 0; i < q.items().size(); i++) {
            out.add(new Item(q.items().get(i), at(key) + "[" + i + "]"));
        }
        return out;
    }

    /** False if the value of {@code key} is present but not a list (or empty). */
    boolean listOk(String key) {
        Node n = node(key);
        return n == null || n instanceof SeqNode || (n instanceof Scalar s && s.isNull());
    }

    /** Compiles a regular expression; a syntax error is reported at its column in the file when known. */
    Pattern regex(Node n, String at, int flags) {
        if (!(n instanceof Scalar s) || s.isNull()) {
            p.error(n.pos(), at, "must be a regular expression, was " + YamlTree.kind(n));
            return null;
        }
        String re = s.value();
        if (re.length() > MAX_REGEX_LENGTH) {
            p.error(s.pos(), at, "regular expression longer than " + MAX_REGEX_LENGTH + " characters");
            return null;
        }
        try {
            return Pattern.compile(re, flags);
        } catch (PatternSyntaxException e) {
            int idx = e.getIndex();
            p.error(offset(s, idx), at, "invalid regular expression: " + e.getDescription()
                    + (idx >= 0 ? " at index " + idx : "") + " in " + Problems.quote(re));
            return null;
        } catch (RuntimeException e) { // e.g. StackOverflowError is not caught; IllegalArgumentException for flags
            p.error(s.pos(), at, "invalid regular expression: " + Problems.quote(re));
            return null;
        }
    }

    /** The file position of character {@code idx} of a one-line plain or quoted scalar, else the scalar's start. */
    private Pos offset(Scalar s, int idx) {
        if (idx < 0) {
            return s.pos();
        }
        int open = switch (s.style()) {
            case PLAIN -> 0;
            case SINGLE_QUOTED, DOUBLE_QUOTED -> 1;
            default -> -1;
        };
        if (open < 0) {
            return s.pos();
        }
        String line = p.line(s.pos().line());
        int start = s.pos().column() - 1 + open;
        if (start >= 0 && line.startsWith(s.value(), start)) {
            return new Pos(s.pos().line(), s.pos().column() + open + Math.min(idx, s.value().length()));
        }
        return s.pos();
    }

    /**
     * A secret given as {@code <base>_file}, {@code <base>_env} or (warned about) {@code <base>}: empty if none is
     * given, null if one is wrong (the problem recorded).
     */
    Optional<SecretSource> secret(String base, String what) {
        List<String> keys = List.of(base + "_file", base + "_env", base);
        List<String> given = keys.stream().filter(this::has).toList();
        if (given.size() > 1) {
            errorAtKey(given.get(1), "give only one of " + keys.get(0) + ", " + keys.get(1) + " and " + keys.get(2)
                    + " (" + given.get(0) + " is set)");
            return null;
        }
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String key = given.get(0);
        SecretSource source;
        if (key.equals(keys.get(0))) {
            Path f = opt(key, null, "a file path", this::existingFile);
            source = f == null ? null : new SecretSource.FromFile(f);
        } else if (key.equals(keys.get(1))) {
            String var = opt(key, null, "an environment variable name", this::setVariable);
            source = var == null ? null : new SecretSource.FromEnv(var);
        } else {
            String inline = opt(key, null, what, Values::nonBlank);
            source = inline == null ? null : new SecretSource.Inline(inline);
            if (inline != null) {
                warnAtKey(key, what + " written in the configuration file: prefer " + keys.get(0) + " or " + keys.get(1));
            }
        }
        return source == null ? null : Optional.of(source);
    }

    // ------------------------------------------------------------------ values that depend on where the file is

    /** A path: {@code ~} and {@code ~/…} from the user's home, relative ones from the file's folder. */
    Path pathOf(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid path: " + Problems.quote(s));
        }
        try {
            Path raw;
            if (s.equals("~")) {
                raw = cx.userHome();
            } else if (s.startsWith("~/")) {
                raw = cx.userHome().resolve(s.substring(2));
            } else {
                raw = cx.baseDir().resolve(s);
            }
            return raw.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + Problems.quote(s));
        }
    }

    /** A {@link #pathOf path} to a regular file that can be read now. */
    Path existingFile(String s) {
        Path f = pathOf(s);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("no such file: " + f);
        }
        if (!Files.isReadable(f)) {
            throw new IllegalArgumentException("cannot read " + f);
        }
        return f;
    }

    private String setVariable(String s) {
        if (!ENV_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("must be an environment variable name, was " + Problems.quote(s));
        }
        if (cx.env().get(s) == null) {
            throw new IllegalArgumentException("environment variable " + s + " is not set");
        }
        return s;
    }
}
