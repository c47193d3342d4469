package dev.turnpike.gateway.config;

import dev.turnpike.gateway.config.Section.Item;
import dev.turnpike.gateway.config.YamlTree.Node;
import dev.turnpike.gateway.config.YamlTree.Pos;
import dev.turnpike.gateway.config.YamlTree.Scalar;
import dev.turnpike.gateway.config.YamlTree.SeqNode;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the YAML tree into a {@link GatewayConfig}, recording every problem instead of stopping at the first. It
 * reads the top-level keys and the list of services, and hands each section to its reader ({@code TlsConfigReader},
 * {@code LightningConfigReader}, …, next to the record each produces), all through the shared {@link Section}. The
 * snapshot is only built when there was no problem at all.
 *
 * <p>A new section: a key in {@link #TOP_KEYS}, a {@code <Record>Reader} with its own keys, one line in
 * {@link #read}, and a component in {@link GatewayConfig}.
 */
final class ConfigReader {

    static final List<String> TOP_KEYS = List.of("listen", "tls", "http2", "transport", "data_dir", "trusted_proxies",
            "lightning", "store", "admin", "access_log", "rate_limits", "client_connections", "invoice_expiry", "bifrost",
            "services");
    /** The keys of one entry of {@code services} (read by {@link ServiceConfigReader}). */
    static final List<String> SERVICE_KEYS = List.of("name", "match", "upstream", "upstream_ca_file", "methods", "auth",
            "price_sats", "free_requests", "token_lifetime", "allow_tokens_without_expiry", "tier", "capabilities",
            "capability_rules", "constraints", "whitelist", "pop", "issuers", "bridges", "clock_skew", "rules",
            "never_delegable", "graphql");

    static final Duration MIN_INVOICE_EXPIRY = Duration.ofSeconds(10);
    static final Duration MAX_INVOICE_EXPIRY = Duration.ofDays(7);

    private final Section.Context cx;
    private final String source;

    ConfigReader(Problems problems, String source, Path baseDir, Path userHome, Map<String, String> env) {
        this.cx = new Section.Context(problems, baseDir, userHome, env);
        this.source = source;
    }

    // ------------------------------------------------------------------ the document

    GatewayConfig read(Node root) {
        Section top = Section.root(cx, root, TOP_KEYS);
        ListenAddress listen = top.opt("listen", GatewayConfig.DEFAULT_LISTEN, "host:port", ListenAddress::parse);
        Boolean http2 = top.bool("http2", true);
        TransportChoice transport = top.opt("transport", TransportChoice.AUTO, "a transport name",
                ConfigReader::transport);
        Path defaultDataDir = defaultDataDir();
        Path dataDir = top.opt("data_dir", defaultDataDir, "a folder path", top::pathOf);
        Path dir = dataDir != null ? dataDir : defaultDataDir;
        TlsConfig tls = TlsConfigReader.read(top, dir);
        List<Cidr> proxies = trustedProxies(top);
        LightningConfig lightning = LightningConfigReader.read(top);
        StoreConfig store = StoreConfigReader.read(top, dir);
        AdminConfig admin = AdminConfigReader.read(top, listen, tls);
        AccessLogConfig accessLog = AccessLogConfigReader.read(top);
        RateLimits rateLimits = RateLimitsReader.read(top);
        ClientConnections clientConnections = ClientConnectionsReader.read(top);
        Duration invoiceExpiry = top.opt("invoice_expiry", GatewayConfig.DEFAULT_INVOICE_EXPIRY,
                "a duration (e.g. 10m)", Values.duration(MIN_INVOICE_EXPIRY, MAX_INVOICE_EXPIRY));
        BifrostConfig bifrost = BifrostConfigReader.read(top);
        List<ServiceConfig> services = services(top);
        if (cx.problems().hasErrors()) {
            return null;
        }
        RouteTable routes;
        try {
            routes = new RouteTable(services.stream().map(ServiceConfig::route).toList());
        } catch (IllegalArgumentException e) {
            top.error(Pos.START, "services", e.getMessage());
            return null;
        }
        return new GatewayConfig(source, listen, tls, http2, transport, dataDir, proxies, lightning, store, admin,
                accessLog, rateLimits, clientConnections, invoiceExpiry, bifrost, services, routes, cx.problems().warnings());
    }

    private Path defaultDataDir() {
        String home = cx.env().get("TURNPIKE_HOME");
        if (home != null && !home.isBlank()) {
            try {
                return Path.of(home).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                cx.problems().error(Pos.START, "data_dir", "TURNPIKE_HOME is not a valid path: " + Problems.quote(home));
            }
        }
        return cx.userHome().resolve(".turnpike");
    }

    private static TransportChoice transport(String s) {
        return TransportChoice.named(s).orElseThrow(() -> new IllegalArgumentException("must be one of "
                + String.join(", ", TransportChoice.NAMES) + ", was " + Problems.quote(s)));
    }

    private static List<Cidr> trustedProxies(Section top) {
        List<Cidr> out = new ArrayList<>();
        for (Item it : top.list("trusted_proxies", "a list of addresses or CIDR ranges (e.g. [10.0.0.0/8, ::1])")) {
            Cidr c = top.scalar(it.node(), it.path(), "an address or CIDR range (e.g. 10.0.0.0/8)", Cidr::parse);
            if (c != null) {
                if (c.prefixLength() == 0) {
                    top.warn(it.node().pos(), it.path(),
                            "trusts every address: any client can claim any IP in X-Forwarded-For");
                }
                out.add(c);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ services

    private static List<ServiceConfig> services(Section top) {
        Node n = top.node("services");
        if (n == null || (n instanceof Scalar s && s.isNull())) {
            top.error(n == null ? top.pos : top.keyPos("services"), "services", "at least one service is required");
            return List.of();
        }
        if (!(n instanceof SeqNode q)) {
            top.error(n.pos(), "services", "must be a list of services (each starting with '- name: …'), was "
                    + YamlTree.kind(n));
            return List.of();
        }
        if (q.items().isEmpty()) {
            top.error(n.pos(), "services", "at least one service is required");
            return List.of();
        }
        Map<String, Pos> names = new HashMap<>();
        List<ServiceConfig> out = new ArrayList<>();
        String takesAll = null;
        for (Item item : top.list("services", "a list of services")) {
            if (takesAll != null) {
                top.warn(item.node().pos(), item.path(), "never used: " + takesAll + " before it takes every request");
            }
            ServiceConfig sc = ServiceConfigReader.read(top.item(item, SERVICE_KEYS), item.node(), names);
            if (sc != null) {
                out.add(sc);
                if (takesAll == null && takesEveryRequest(sc.route())) {
                    takesAll = item.path() + " (" + sc.name() + ")";
                }
            }
        }
        return out;
    }

    private static boolean takesEveryRequest(ServiceRoute r) {
        return r.host() == null
                && (r.path().pattern().equals(".*") || r.path().pattern().equals(ServiceConfigReader.DEFAULT_PATH_REGEX));
    }

    // ------------------------------------------------------------------ suggestions

    static String unknownKey(String key, Collection<String> allowed) {
        String best = suggestion(key, allowed);
        if (best != null) {
            return "unknown key (did you mean " + best + "?)";
        }
        return "unknown key (expected one of: " + String.join(", ", allowed) + ")";
    }

    static String suggestion(String key, Collection<String> allowed) {
        String norm = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toLowerCase(Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(norm, a);
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        if (best == null || key.length() > 100) {
            return null;
        }
        int limit = Math.max(1, Math.min(3, best.length() / 3));
        return bestD <= limit ? best : null;
    }

    /** Damerau-Levenshtein distance (adjacent transpositions count 1). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
