package dev.turnpike.gateway.config;

import dev.turnpike.gateway.config.YamlTree.Node;
import dev.turnpike.gateway.config.YamlTree.Pos;
import dev.turnpike.gateway.config.YamlTree.Scalar;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.CapabilityRule;
import dev.turnpike.gateway.route.DelegationPolicy;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.Price;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one entry of {@code services:} into a {@link ServiceConfig}, in steps: its name, what it matches, its
 * upstream, then what its {@code auth} makes of it (open; paid with price, lifetime and rules, read by
 * {@link ServiceRulesReader}; delegated, read by {@link DelegationConfigReader}; or either of the last two).
 */
final class ServiceConfigReader {

    /** Keys that only a paid service (auth: l402 or freebie) takes. */
    static final List<String> PAID_ONLY = List.of("price_sats", "free_requests", "token_lifetime",
            "allow_tokens_without_expiry", "tier", "capabilities", "capability_rules", "constraints");
    static final List<String> MATCH_KEYS = List.of("host", "path");
    static final String DEFAULT_PATH_REGEX = "/.*";
    static final long MAX_PRICE_SATS = 2_100_000_000_000_000L; // all bitcoin there will ever be
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private enum Auth { L402, NONE, FREEBIE, BIFROST, EITHER }

    private record Match(Pattern host, Pattern path) {}

    /** What the service's auth makes of it. */
    private record Access(AuthPolicy policy, List<CapabilityRule> rules, boolean tokensNeverExpire) {}

    private final Section o;

    private ServiceConfigReader(Section o) {
        this.o = o;
    }

    /**
     * The service in {@code o} (read from {@code item}), null if something in it was wrong; {@code names} holds the
     * names seen so far and where, for duplicates.
     */
    static ServiceConfig read(Section o, Node item, Map<String, Pos> names) {
        return item instanceof YamlTree.MapNode ? new ServiceConfigReader(o).read(names) : null;
    }

    private ServiceConfig read(Map<String, Pos> names) {
        String name = name(names);
        Match match = match();
        Upstream upstream = upstream();
        Auth auth = o.opt("auth", Auth.L402, "l402, none, freebie, bifrost or either", ServiceConfigReader::auth);
        List<Pattern> whitelist = ServiceRulesReader.patterns(o, "whitelist");
        Set<String> methods = ServiceRulesReader.methods(o);
        Access access = auth == null ? paid(null) : switch (auth) {
            case NONE -> open();
            case BIFROST -> delegated();
            case EITHER -> either();
            case L402, FREEBIE -> paid(auth);
        };
        if (o.failed() || access == null || methods == null) {
            return null;
        }
        return new ServiceConfig(new ServiceRoute(name, match.host(), match.path(), upstream, access.policy(),
                access.rules(), whitelist, methods), access.tokensNeverExpire());
    }

    private String name(Map<String, Pos> names) {
        String name = o.req("name", "a service name", ServiceConfigReader::serviceName);
        Pos first = name == null ? null : names.putIfAbsent(name, o.valuePos("name"));
        if (first != null) {
            o.errorAtValue("name", "duplicate service name " + Problems.quote(name) + " (first at line "
                    + first.line() + ")");
        }
        return name;
    }

    private Match match() {
        Section match = o.sub("match", MATCH_KEYS);
        Pattern host = match.has("host")
                ? match.regex(match.node("host"), match.at("host"), Pattern.CASE_INSENSITIVE) : null;
        Pattern path = match.has("path")
                ? match.regex(match.node("path"), match.at("path"), 0) : Pattern.compile(DEFAULT_PATH_REGEX);
        return new Match(host, path);
    }

    /** The upstream, trusting {@code upstream_ca_file} when one is given for https. */
    private Upstream upstream() {
        Upstream upstream = o.req("upstream", "an upstream URL (http://, https:// or h2c://host[:port][/base])",
                ServiceConfigReader::upstream);
        Path ca = o.opt("upstream_ca_file", null, "a PEM certificate file", o::existingFile);
        if (ca == null || upstream == null) {
            return upstream;
        }
        if (upstream.scheme() != Upstream.Scheme.HTTPS) {
            o.errorAtValue("upstream_ca_file", "only applies to https upstreams (this one is "
                    + upstream.scheme().name().toLowerCase(Locale.ROOT) + ")");
            return upstream;
        }
        return new Upstream(upstream.scheme(), upstream.host(), upstream.port(), upstream.basePath(), ca);
    }

    /** auth: none: every path open, no paid settings. */
    private Access open() {
        for (String k : PAID_ONLY) {
            if (o.has(k)) {
                o.errorAtKey(k, "only applies to auth: l402 or freebie (this service has auth: none)");
            }
        }
        refuseDelegationKeys("none");
        if (o.has("whitelist")) {
            o.warnAtKey("whitelist", "has no effect: with auth: none every path is open");
        }
        return new Access(new AuthPolicy.None(), List.of(), false);
    }

    /** auth: bifrost: delegated tokens only, no paid settings. */
    private Access delegated() {
        for (String k : PAID_ONLY) {
            if (o.has(k)) {
                o.errorAtKey(k, "only applies to auth: l402, freebie or either (this service has auth: bifrost)");
            }
        }
        DelegationPolicy delegation = DelegationConfigReader.read(o);
        return delegation == null ? null : new Access(new AuthPolicy.Bifrost(delegation), List.of(), false);
    }

    /** auth: either: paid as l402, and delegated. */
    private Access either() {
        Access paid = paid(Auth.EITHER);
        DelegationPolicy delegation = DelegationConfigReader.read(o);
        if (paid == null || delegation == null) {
            return null;
        }
        return new Access(new AuthPolicy.Either((AuthPolicy.L402) paid.policy(), delegation), paid.rules(),
                paid.tokensNeverExpire());
    }

    private void refuseDelegationKeys(String auth) {
        for (String k : DelegationConfigReader.KEYS) {
            if (o.has(k)) {
                o.errorAtKey(k, "only applies to auth: bifrost or either (this service has auth: " + auth + ")");
            }
        }
    }

    /** auth: l402, freebie or either (or a wrong auth, read as l402 so that its other keys are checked too). */
    private Access paid(Auth auth) {
        if ((auth == Auth.L402 || auth == Auth.EITHER) && o.has("free_requests")) {
            o.errorAtKey("free_requests", "only applies to auth: freebie");
        }
        if (auth == Auth.L402 || auth == Auth.FREEBIE) {
            refuseDelegationKeys(auth == Auth.FREEBIE ? "freebie" : "l402");
        }
        Long price = o.req("price_sats", "a whole number of satoshis >= 1", Values.atLeast(1, MAX_PRICE_SATS));
        Long free = auth == Auth.FREEBIE
                ? o.req("free_requests", "a whole number >= 1", Values.integer(1, 1_000_000_000)) : Long.valueOf(1);
        Boolean allowNever = o.bool("allow_tokens_without_expiry", false);
        boolean never = neverExpires();
        Duration lifetime = never ? neverLifetime(allowNever) : lifetime();
        if (Boolean.TRUE.equals(allowNever) && !never) {
            o.warnAtKey("allow_tokens_without_expiry", "has no effect: token_lifetime is not never");
        }
        Long tier = o.opt("tier", 0L, "a whole number from 0 to 255", Values.integer(0, 255));
        List<String> capabilities = ServiceRulesReader.capabilities(o);
        List<CapabilityRule> rules = ServiceRulesReader.capabilityRules(o, capabilities);
        List<L402Caveat> constraints = ServiceRulesReader.constraints(o);
        if (o.failed() || rules == null) {
            return null;
        }
        AuthPolicy.L402 paid = new AuthPolicy.L402(Price.sats(price), lifetime, tier.intValue(), capabilities, constraints);
        AuthPolicy policy = auth == Auth.FREEBIE ? new AuthPolicy.Freebie(free.intValue(), paid) : paid;
        return new Access(policy, rules, never);
    }

    private boolean neverExpires() {
        return o.node("token_lifetime") instanceof Scalar s && s.value().strip().equalsIgnoreCase("never");
    }

    /** token_lifetime: never, which needs allow_tokens_without_expiry: true ({@code allowNever} null: was wrong). */
    private Duration neverLifetime(Boolean allowNever) {
        if (Boolean.FALSE.equals(allowNever)) {
            o.errorAtValue("token_lifetime", "never needs allow_tokens_without_expiry: true on this service"
                    + " (a token that never expires can only be stopped by revoking it)");
        }
        return ServiceConfig.NEVER_EXPIRES;
    }

    /** token_lifetime as a duration of whole seconds; the default when absent. */
    private Duration lifetime() {
        Node n = o.node("token_lifetime");
        if (n == null) {
            return GatewayConfig.DEFAULT_TOKEN_LIFETIME;
        }
        Duration lifetime = o.scalar(n, o.at("token_lifetime"), "a duration (e.g. 1h, 30d) or never",
                Values.duration(Duration.ofSeconds(1), ServiceConfig.MAX_TOKEN_LIFETIME));
        if (lifetime != null && lifetime.getNano() != 0) {
            o.error(n.pos(), o.at("token_lifetime"), "must be whole seconds, was " + lifetime);
            return null;
        }
        return lifetime;
    }

    static String serviceName(String s) {
        if (!SERVICE_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("must be 1 to 64 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit, was " + Problems.quote(s));
        }
        return s;
    }

    private static Auth auth(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("freebie ")) {
            throw new IllegalArgumentException("write auth: freebie and, on its own line, free_requests: "
                    + t.substring(8).strip());
        }
        return switch (t) {
            case "l402" -> Auth.L402;
            case "none" -> Auth.NONE;
            case "freebie" -> Auth.FREEBIE;
            case "lsat" -> throw new IllegalArgumentException("write l402 (LSAT is its former name; both headers are sent)");
            case "bifrost" -> Auth.BIFROST;
            case "either" -> Auth.EITHER;
            default -> throw new IllegalArgumentException("must be l402, none, freebie, bifrost or either, was "
                    + Problems.quote(s));
        };
    }

    static Upstream upstream(String s) {
        try {
            return Upstream.parse(s.strip());
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.startsWith("upstream scheme")) {
                throw new IllegalArgumentException("scheme must be http, https or h2c, was " + Problems.quote(s));
            }
            if (m.startsWith("upstream must") || m.startsWith("base path") || m.startsWith("port")) {
                throw new IllegalArgumentException(m.replaceFirst("^upstream ", "") + (m.contains(s) ? "" : ": " + Problems.quote(s)));
            }
            throw new IllegalArgumentException("must be an http://, https:// or h2c:// URL, was " + Problems.quote(s));
        }
    }
}
