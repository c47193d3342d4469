package dev.turnpike.gateway.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A YAML document as a small tree of maps, lists and string scalars with positions, built from SnakeYAML
 * Engine's <em>events</em> (no composer, no constructor): anchors, aliases and explicit tags are refused rather
 * than resolved, so nothing is expanded and no type is instantiated; nesting and size are bounded; duplicate keys
 * are errors.
 */
final class YamlTree {

    /** Deepest nesting of maps and lists accepted (the configuration needs 5). */
    static final int MAX_DEPTH = 20;

    /** A position in the file: 1-based line and column. */
    record Pos(int line, int column) {
        static final Pos START = new Pos(1, 1);
    }

    sealed interface Node permits Scalar, MapNode, SeqNode {
        Pos pos();
    }

    /** A scalar: its text, whether it was plain (unquoted), and its style for column arithmetic. */
    record Scalar(String value, ScalarStyle style, Pos pos) implements Node {
        boolean plain() {
            return style == ScalarStyle.PLAIN;
        }

        /** YAML 1.2 core schema null: an empty plain scalar, {@code ~} or {@code null}. */
        boolean isNull() {
            return plain() && (value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null")
                    || value.equals("NULL"));
        }
    }

    record Entry(Scalar key, Node value) {}

    record MapNode(List<Entry> entries, Pos pos) implements Node {}

    record SeqNode(List<Node> items, Pos pos) implements Node {}

    static String kind(Node n) {
        return switch (n) {
            case Scalar s -> s.isNull() ? "empty" : "a single value";
            case MapNode m -> "a mapping (key: value)";
            case SeqNode q -> "a list";
        };
    }

    private YamlTree() {}

    private static final class Frame {
        final Pos pos;
        final boolean map;
        final String path;
        final List<Entry> entries = new ArrayList<>();
        final List<Node> items = new ArrayList<>();
        final Map<String, Pos> seen = new HashMap<>();
        Scalar key; // awaiting the value for this key
        boolean haveKey;
        boolean skipValue;

        Frame(Pos pos, boolean map, String path) {
            this.pos = pos;
            this.map = map;
            this.path = path;
        }

        /** The key path of the node that comes next in this collection. */
        String next() {
            if (!map) {
                return path + "[" + items.size() + "]";
            }
            return haveKey && !skipValue ? join(path, key.value()) : path;
        }

        Node node() {
            return map ? new MapNode(List.copyOf(entries), pos) : new SeqNode(List.copyOf(items), pos);
        }
    }

    /**
     * The document's root node, or null for an empty document. Problems go to {@code problems}; the tree is only
     * returned when there were none.
     *
     * @throws Problems.Stop after a syntax error or a limit, the problem recorded
     */
    static Node parse(String text, int maxCodePoints, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel("config")
                .setCodePointLimit(maxCodePoints)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(0)
                .setAllowRecursiveKeys(false)
                .setParseComments(false)
                .build();
        Iterator<Event> events = new Parse(settings).parseString(text).iterator();
        Deque<Frame> stack = new ArrayDeque<>();
        Node root = null;
        int documents = 0;
        Pos last = Pos.START;
        try {
            while (events.hasNext()) {
                Event e = events.next();
                Pos pos = pos(e.getStartMark(), last);
                last = pos;
                Node made = null;
                switch (e.getEventId()) {
                    case StreamStart, StreamEnd, DocumentEnd, Comment -> { }
                    case DocumentStart -> {
                        if (++documents > 1) {
                            problems.error(pos, "", "only one YAML document is allowed (remove the second '---')");
                            throw new Problems.Stop();
                        }
                    }
                    case Alias -> {
                        problems.error(pos, next(stack), "aliases (*name) are not supported: write the value out");
                        made = new Scalar("", ScalarStyle.PLAIN, pos);
                    }
                    case Scalar -> {
                        ScalarEvent s = (ScalarEvent) e;
                        checkNodeEvent(s, s.getTag(), pos, next(stack), problems);
                        made = new Scalar(s.getValue(), s.getScalarStyle(), pos);
                    }
                    case MappingStart, SequenceStart -> {
                        CollectionStartEvent c = (CollectionStartEvent) e;
                        String path = next(stack);
                        checkNodeEvent(c, c.getTag(), pos, path, problems);
                        if (stack.size() >= MAX_DEPTH) {
                            problems.error(pos, path, "nested more than " + MAX_DEPTH + " levels deep");
                            throw new Problems.Stop();
                        }
                        stack.push(new Frame(pos, e.getEventId() == Event.ID.MappingStart, path));
                    }
                    case MappingEnd, SequenceEnd -> made = stack.pop().node();
                }
                if (made != null) {
                    if (stack.isEmpty()) {
                        root = made;
                    } else {
                        add(stack.peek(), made, problems);
                    }
                }
            }
        } catch (MarkedYamlEngineException e) {
            Pos pos = pos(e.getProblemMark(), last);
            String context = e.getContext() == null ? "" : " (" + e.getContext() + context(e.getContextMark()) + ")";
            problems.error(pos, "", "YAML syntax: " + e.getProblem() + context);
            throw new Problems.Stop();
        } catch (YamlEngineException e) {
            problems.error(last, "", "YAML: " + e.getMessage());
            throw new Problems.Stop();
        }
        return root;
    }

    private static String context(Optional<Mark> mark) {
        return mark.map(m -> " at line " + (m.getLine() + 1)).orElse("");
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String next(Deque<Frame> stack) {
        return stack.isEmpty() ? "" : stack.peek().next();
    }

    private static void checkNodeEvent(NodeEvent e, Optional<String> tag, Pos pos, String path, Problems problems) {
        if (e.getAnchor().isPresent()) {
            problems.error(pos, path, "anchors (&" + e.getAnchor().get().getValue() + ") are not supported: write the value out");
        }
        if (tag.isPresent()) {
            problems.error(pos, path, "YAML tags (" + tag.get() + ") are not supported: write a plain value");
        }
    }

    private static void add(Frame f, Node n, Problems problems) {
        if (!f.map) {
            f.items.add(n);
            return;
        }
        if (!f.haveKey) {
            f.haveKey = true;
            f.skipValue = false;
            if (!(n instanceof Scalar k) || k.isNull()) {
                problems.error(n.pos(), f.path, "a key must be a plain name, was " + kind(n));
                f.skipValue = true;
                return;
            }
            Pos first = f.seen.putIfAbsent(k.value(), k.pos());
            if (first != null) {
                problems.error(k.pos(), join(f.path, k.value()), "duplicate key " + Problems.quote(k.value()) + " (first at line "
                        + first.line() + ")");
                f.skipValue = true;
                return;
            }
            f.key = k;
            return;
        }
        f.haveKey = false;
        if (!f.skipValue) {
            f.entries.add(new Entry(f.key, n));
        }
    }

    private static Pos pos(Optional<Mark> mark, Pos fallback) {
        return mark.map(m -> new Pos(m.getLine() + 1, m.getColumn() + 1)).orElse(fallback);
    }
}
