package dev.turnpike.gateway.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects errors and warnings while a file is read. Not thread-safe; one per load. */
final class Problems {

    /** Thrown to stop reading after a problem that makes the rest meaningless (syntax, limits). */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private static final Comparator<ConfigProblem> ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);
    /** More than this many errors are not listed one by one. */
    static final int MAX_ERRORS = 100;

    private final String source;
    private final String[] lines;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private int dropped;

    Problems(String source, String text) {
        this.source = source;
        this.lines = text.split("\r\n|\r|\n", -1);
    }

    void error(YamlTree.Pos pos, String path, String message) {
        if (errors.size() >= MAX_ERRORS) {
            dropped++;
            return;
        }
        errors.add(new ConfigProblem(source, pos.line(), pos.column(), path, message));
    }

    void warn(YamlTree.Pos pos, String path, String message) {
        warnings.add(new ConfigProblem(source, pos.line(), pos.column(), path, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** How many errors were recorded so far, those beyond {@link #MAX_ERRORS} included. */
    int errorCount() {
        return errors.size() + dropped;
    }

    /** The source line {@code n} (1-based), or "" if out of range. */
    String line(int n) {
        return n >= 1 && n <= lines.length ? lines[n - 1] : "";
    }

    ConfigException exception() {
        List<ConfigProblem> out = new ArrayList<>(errors);
        out.sort(ORDER);
        if (dropped > 0) {
            out.add(new ConfigProblem(source, 0, 0, "", "and " + dropped + " more problems"));
        }
        return new ConfigException(out);
    }

    List<ConfigProblem> warnings() {
        List<ConfigProblem> out = new ArrayList<>(warnings);
        out.sort(ORDER);
        return List.copyOf(out);
    }

    /** A value for a message: quoted, escaped, shortened. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), 60);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (s.length() > n) {
            sb.append('…');
        }
        return sb.append('"').toString();
    }
}
