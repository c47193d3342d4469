package dev.turnpike.gateway.config;

import dev.turnpike.gateway.config.Section.Item;
import dev.turnpike.gateway.config.YamlTree.Entry;
import dev.turnpike.gateway.config.YamlTree.MapNode;
import dev.turnpike.gateway.config.YamlTree.Node;
import dev.turnpike.gateway.config.YamlTree.Scalar;
import dev.turnpike.gateway.route.CapabilityRule;
import dev.turnpike.l402.L402Caveat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what a service's tokens grant and which requests need which: {@code capabilities},
 * {@code capability_rules}, {@code constraints} and the {@code whitelist} of open paths. Each returns null when
 * something in it was wrong (the problem recorded).
 */
final class ServiceRulesReader {

    static final List<String> RULE_KEYS = List.of("methods", "path", "capability");
    static final int MAX_CONSTRAINT_VALUE_LENGTH = 1024;
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,20}");

    private ServiceRulesReader() {}

    static List<String> capabilities(Section o) {
        Set<String> out = new LinkedHashSet<>();
        boolean ok = true;
        for (Item it : o.list("capabilities", "a list of capability names (e.g. [read, write])")) {
            String c = o.scalar(it.node(), it.path(), "a capability name", ServiceRulesReader::caveatName);
            if (c == null) {
                ok = false;
            } else if (!out.add(c)) {
                o.error(it.node().pos(), it.path(), "capability " + Problems.quote(c) + " is listed twice");
                ok = false;
            }
        }
        return ok && o.listOk("capabilities") ? List.copyOf(out) : null;
    }

    /** {@code granted}: the service's capabilities, null if they were wrong (then not compared). */
    static List<CapabilityRule> capabilityRules(Section o, List<String> granted) {
        List<CapabilityRule> out = new ArrayList<>();
        boolean ok = o.listOk("capability_rules");
        for (Item it : o.list("capability_rules", "a list of rules ({methods: [GET], path: /x/.*, capability: read})")) {
            Section r = o.item(it, RULE_KEYS);
            if (!(it.node() instanceof MapNode) && !r.failed()) { // an empty item: no section error was recorded
                o.error(r.pos, it.path(), "must be a rule such as {methods: [GET], path: /x/.*, capability: read},"
                        + " was empty");
            }
            CapabilityRule rule = it.node() instanceof MapNode ? capabilityRule(r, granted) : null;
            if (rule == null) {
                ok = false;
            } else {
                out.add(rule);
            }
        }
        return ok ? out : null;
    }

    private static CapabilityRule capabilityRule(Section r, List<String> granted) {
        Set<String> methods = new LinkedHashSet<>();
        boolean ok = r.listOk("methods");
        for (Item m : r.list("methods", "a list of HTTP methods (e.g. [GET, HEAD])")) {
            String method = r.scalar(m.node(), m.path(), "an HTTP method", ServiceRulesReader::method);
            if (method == null) {
                ok = false;
            } else {
                methods.add(method);
            }
        }
        Pattern path = r.has("path") ? r.regex(r.node("path"), r.at("path"), 0) : Pattern.compile(".*");
        String capability = r.req("capability", "a capability name", ServiceRulesReader::caveatName);
        if (capability != null && granted != null && !granted.contains(capability)) {
            r.errorAtValue("capability", Problems.quote(capability) + " is not among this service's capabilities "
                    + (granted.isEmpty() ? "(none are listed: add capabilities: [" + capability + "])"
                            : "(" + String.join(", ", granted) + ")"));
            ok = false;
        }
        return ok && path != null && capability != null ? new CapabilityRule(methods, path, capability) : null;
    }

    static List<L402Caveat> constraints(Section o) {
        Node n = o.node("constraints");
        if (n == null || (n instanceof Scalar s && s.isNull())) {
            return List.of();
        }
        if (!(n instanceof MapNode m)) {
            o.error(n.pos(), o.at("constraints"), "must be a mapping of condition: value (e.g. quotes_region: eu), was "
                    + YamlTree.kind(n));
            return null;
        }
        List<L402Caveat> out = new ArrayList<>();
        boolean ok = true;
        for (Entry e : m.entries()) {
            L402Caveat c = constraint(o, e);
            if (c == null) {
                ok = false;
            } else {
                out.add(c);
            }
        }
        return ok ? out : null;
    }

    private static L402Caveat constraint(Section o, Entry e) {
        String condition = e.key().value();
        String at = o.at("constraints") + "." + condition;
        String problem = null;
        if (!L402Caveat.isValidName(condition)) {
            problem = "not a valid caveat condition: 1 to " + L402Caveat.MAX_NAME_LENGTH
                    + " printable ASCII characters without space, ',', ':' or '='";
        } else if (L402Caveat.isReserved(condition)) {
            problem = "is a built-in caveat condition (services, preimage, *_capabilities, *_valid_until)"
                    + " and cannot be a constraint";
        }
        if (problem != null) {
            o.error(e.key().pos(), at, problem);
            return null;
        }
        String value = o.scalar(e.value(), at, "a value", ServiceRulesReader::constraintValue);
        return value == null ? null : L402Caveat.constraint(condition, value);
    }

    /** {@code methods}: the HTTP methods the service serves (empty: every one); null if one was wrong. */
    static Set<String> methods(Section o) {
        Set<String> out = new LinkedHashSet<>();
        boolean ok = o.listOk("methods");
        for (Item m : o.list("methods", "a list of HTTP methods (e.g. [GET, POST])")) {
            String method = o.scalar(m.node(), m.path(), "an HTTP method", ServiceRulesReader::method);
            if (method == null) {
                ok = false;
            } else {
                out.add(method);
            }
        }
        return ok ? Set.copyOf(out) : null;
    }

    /** A list of path regular expressions, e.g. the {@code whitelist}. */
    static List<Pattern> patterns(Section o, String key) {
        List<Pattern> out = new ArrayList<>();
        boolean ok = o.listOk(key);
        for (Item it : o.list(key, "a list of path regular expressions")) {
            Pattern pt = o.regex(it.node(), it.path(), 0);
            if (pt == null) {
                ok = false;
            } else {
                out.add(pt);
            }
        }
        return ok ? out : null;
    }

    static String caveatName(String s) {
        if (!L402Caveat.isValidName(s)) {
            throw new IllegalArgumentException("must be 1 to " + L402Caveat.MAX_NAME_LENGTH
                    + " printable ASCII characters without space, ',', ':' or '=', was " + Problems.quote(s));
        }
        return s;
    }

    static String method(String s) {
        if (!METHOD.matcher(s).matches()) {
            throw new IllegalArgumentException("must be an HTTP method such as GET or POST, was " + Problems.quote(s));
        }
        return s.toUpperCase(Locale.ROOT);
    }

    static String constraintValue(String s) {
        if (s.length() > MAX_CONSTRAINT_VALUE_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_CONSTRAINT_VALUE_LENGTH + " characters");
        }
        if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("must not contain control characters, was " + Problems.quote(s));
        }
        return s;
    }
}
