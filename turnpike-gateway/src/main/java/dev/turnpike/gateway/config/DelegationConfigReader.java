package dev.turnpike.gateway.config;

import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.crypto.KeyFormatException;
import dev.turnpike.gateway.config.Section.Item;
import dev.turnpike.gateway.config.YamlTree.Entry;
import dev.turnpike.gateway.config.YamlTree.MapNode;
import dev.turnpike.gateway.config.YamlTree.Node;
import dev.turnpike.gateway.config.YamlTree.Scalar;
import dev.turnpike.gateway.route.DelegationPolicy;
import dev.turnpike.gateway.route.DelegationPolicy.ProofMode;
import dev.turnpike.gateway.route.DelegationRule;
import dev.turnpike.gateway.route.GraphqlEndpoint;
import dev.turnpike.gateway.route.PathTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads how a {@code bifrost} or {@code either} service takes delegated tokens: {@code pop}, {@code issuers},
 * {@code clock_skew}, {@code rules}, {@code never_delegable} and {@code graphql} ({@link GraphqlConfigReader}), into a {@link DelegationPolicy} (null when something
 * was wrong, the problem recorded). A service without rules refuses every delegated request: the loader warns.
 */
final class DelegationConfigReader {

    /** The keys only a service that takes delegated tokens has. */
    static final List<String> KEYS = List.of("pop", "issuers", "bridges", "clock_skew", "rules",
            "never_delegable", "graphql");
    static final List<String> RULE_KEYS = List.of("method", "path", "scope", "resources");
    static final List<String> NEVER_KEYS = List.of("method", "path");
    static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(2);
    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private DelegationConfigReader() {}

    static DelegationPolicy read(Section o) {
        ProofMode pop = o.opt("pop", ProofMode.REQUIRED, "required, optional or off", DelegationConfigReader::pop);
        List<Ed25519PublicKey> issuers = keys(o, "issuers", "issuer", "wallet public key");
        List<Ed25519PublicKey> bridges = keys(o, "bridges", "bridge", "bridge signing key");
        Duration skew = o.opt("clock_skew", DEFAULT_CLOCK_SKEW, "a duration",
                Values.duration(Duration.ZERO, MAX_CLOCK_SKEW));
        List<DelegationRule> rules = rules(o, "rules", true,
                "a list of rules ({method: GET, path: /sites/{site}/meters, scope: read:meter, resources: {site: sites}})");
        List<DelegationRule> never = rules(o, "never_delegable", false,
                "a list of requests ({method: POST, path: /gateways/{id}/transfer})");
        Optional<GraphqlEndpoint> graphql = o.has("graphql") ? GraphqlConfigReader.read(o.sub("graphql",
                GraphqlConfigReader.KEYS)) : Optional.empty();
        if (o.failed() || issuers == null || bridges == null || rules == null || never == null || graphql == null) {
            return null;
        }
        if (rules.isEmpty()) {
            o.warnAtKey("auth", "no rules: every request with a delegated token is refused (deny by default); add"
                    + " rules: [{method: GET, path: /…, scope: …}]");
        }
        return new DelegationPolicy(pop, issuers, bridges, skew, rules, never, graphql);
    }

    /** A list of public keys under {@code key}, e.g. the trusted wallets ({@code issuers}). */
    private static List<Ed25519PublicKey> keys(Section o, String key, String one, String noun) {
        Set<Ed25519PublicKey> out = new LinkedHashSet<>();
        boolean ok = o.listOk(key);
        for (Item it : o.list(key, "a list of " + noun + "s (base58)")) {
            Ed25519PublicKey k = o.scalar(it.node(), it.path(), "a " + noun + " (base58)",
                    DelegationConfigReader::publicKey);
            if (k == null) {
                ok = false;
            } else if (!out.add(k)) {
                o.error(it.node().pos(), it.path(), one + " " + k + " is listed twice");
                ok = false;
            }
        }
        return ok ? List.copyOf(out) : null;
    }

    /** {@code granting}: the items are {@code rules} (method required, scope and resources allowed). */
    private static List<DelegationRule> rules(Section o, String key, boolean granting, String what) {
        List<DelegationRule> out = new ArrayList<>();
        boolean ok = o.listOk(key);
        for (Item it : o.list(key, what)) {
            Section r = o.item(it, granting ? RULE_KEYS : NEVER_KEYS);
            DelegationRule rule = it.node() instanceof MapNode ? rule(r, granting) : null;
            if (rule == null) {
                ok = false;
            } else {
                out.add(rule);
            }
        }
        return ok ? out : null;
    }

    private static DelegationRule rule(Section r, boolean granting) {
        String method = granting ? r.req("method", "an HTTP method", ServiceRulesReader::method)
                : r.opt("method", null, "an HTTP method", ServiceRulesReader::method);
        PathTemplate path = r.req("path", "a path template such as /sites/{site}/meters", PathTemplate::parse);
        String scope = r.opt("scope", null, "a scope such as read:meter", DelegationConfigReader::item);
        Map<String, String> resources = path == null ? null : resources(r, path);
        if (r.failed() || path == null || resources == null) {
            return null;
        }
        return new DelegationRule(method, path, Optional.ofNullable(scope), resources);
    }

    /** {@code resources: {site: sites}}: path variable → resource kind of {@code permissions.resources}. */
    private static Map<String, String> resources(Section r, PathTemplate path) {
        Node n = r.node("resources");
        if (n == null || (n instanceof Scalar s && s.isNull())) {
            return Map.of();
        }
        if (!(n instanceof MapNode m)) {
            r.error(n.pos(), r.at("resources"), "must be a mapping of path variable: resource kind (e.g. site: sites),"
                    + " was " + YamlTree.kind(n));
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Entry e : m.entries()) {
            String variable = e.key().value();
            String at = r.at("resources") + "." + variable;
            if (!path.variables().contains(variable)) {
                r.error(e.key().pos(), at, "is not a variable of " + path + (path.variables().isEmpty() ? ""
                        : " (" + String.join(", ", path.variables()) + ")"));
                ok = false;
                continue;
            }
            String kind = r.scalar(e.value(), at, "a resource kind such as sites", DelegationConfigReader::kind);
            ok &= kind != null;
            out.put(variable, kind);
        }
        return ok ? out : null;
    }

    private static ProofMode pop(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "required" -> ProofMode.REQUIRED;
            case "optional" -> ProofMode.OPTIONAL;
            case "off" -> ProofMode.OFF;
            default -> throw new IllegalArgumentException("must be required, optional or off, was " + Problems.quote(s));
        };
    }

    private static Ed25519PublicKey publicKey(String s) {
        try {
            return Ed25519PublicKey.fromBase58(s.strip());
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("must be a wallet public key in base58: " + e.getMessage());
        }
    }

    private static String item(String s) {
        if (s.isBlank() || s.length() > Permissions.MAX_ITEM_LENGTH || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("must be 1 to " + Permissions.MAX_ITEM_LENGTH
                    + " characters without control characters, was " + Problems.quote(s));
        }
        return s;
    }

    private static String kind(String s) {
        if (s.isEmpty() || s.length() > Permissions.MAX_KIND_LENGTH || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("must be 1 to " + Permissions.MAX_KIND_LENGTH
                    + " printable ASCII characters without space, was " + Problems.quote(s));
        }
        return s;
    }
}
