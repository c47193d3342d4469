package dev.turnpike.gateway.config;

import dev.turnpike.bifrost.session.DeepLink;
import dev.turnpike.gateway.config.YamlTree.Entry;
import dev.turnpike.gateway.config.YamlTree.MapNode;
import dev.turnpike.gateway.config.YamlTree.Node;
import dev.turnpike.gateway.config.YamlTree.Pos;
import dev.turnpike.gateway.config.YamlTree.Scalar;
import dev.turnpike.gateway.config.YamlTree.SeqNode;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.CapabilityRule;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import dev.turnpike.gateway.server.Transport;
import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.Price;
import dev.turnpike.lightning.bolt11.Network;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the YAML tree into a {@link GatewayConfig}, recording every problem instead of stopping at the first.
 * Getters return the default when a key is absent and null when its value is wrong (the problem recorded); the
 * snapshot is only built when there was no problem at all.
 */
final class ConfigReader {

    static final List<String> TOP_KEYS = List.of("listen", "tls", "http2", "transport", "data_dir", "trusted_proxies",
            "lightning", "store", "admin", "rate_limits", "invoice_expiry", "bifrost", "services");
    static final List<String> TLS_KEYS = List.of("cert_file", "key_file", "self_signed");
    static final List<String> LIGHTNING_KEYS =
            List.of("backend", "network", "strict_verify", "dev_wallet_api", "lnd", "cln", "lnbits");
    static final List<String> LND_KEYS = List.of("host", "tls_cert", "macaroon");
    static final List<String> CLN_KEYS = List.of("url", "tls_cert", "rune_file", "rune_env", "rune");
    static final List<String> LNBITS_KEYS = List.of("url", "invoice_key_file", "invoice_key_env", "invoice_key");
    static final List<String> DEV_WALLET_KEYS = List.of("enabled", "prefix");
    static final List<String> STORE_KEYS =
            List.of("backend", "path", "url", "user", "password_file", "password_env", "password");
    static final List<String> POSTGRES_ONLY = List.of("url", "user", "password_file", "password_env", "password");
    static final List<String> ADMIN_KEYS = List.of("enabled", "listen");
    static final List<String> RATE_KEYS = List.of("challenges_per_ip", "requests_per_token");
    static final List<String> CHALLENGE_RATE_KEYS = List.of("enabled", "per_minute", "burst", "ipv4_prefix", "ipv6_prefix");
    static final List<String> TOKEN_RATE_KEYS = List.of("enabled", "per_second", "burst");
    static final List<String> BIFROST_KEYS = List.of("enabled", "prefix", "session_ttl", "max_token_lifetime",
            "clock_skew", "public_base_url", "deep_link_template", "strict_original", "poll_interval", "rate_limits");
    static final List<String> BIFROST_RATE_KEYS = List.of("sessions_per_ip", "sessions_per_key");
    static final List<String> SERVICE_KEYS = List.of("name", "match", "upstream", "upstream_ca_file", "auth",
            "price_sats", "free_requests", "token_lifetime", "allow_tokens_without_expiry", "tier", "capabilities",
            "capability_rules", "constraints", "whitelist");
    static final List<String> PAID_ONLY = List.of("price_sats", "free_requests", "token_lifetime",
            "allow_tokens_without_expiry", "tier", "capabilities", "capability_rules", "constraints");
    static final List<String> MATCH_KEYS = List.of("host", "path");
    static final List<String> RULE_KEYS = List.of("methods", "path", "capability");

    static final String DEFAULT_PATH_REGEX = "/.*";
    static final long MAX_PRICE_SATS = 2_100_000_000_000_000L; // all bitcoin there will ever be
    static final int MAX_REGEX_LENGTH = 4096;
    static final int MAX_CONSTRAINT_VALUE_LENGTH = 1024;
    static final Duration MIN_INVOICE_EXPIRY = Duration.ofSeconds(10);
    static final Duration MAX_INVOICE_EXPIRY = Duration.ofDays(7);

    private static final String BOOL = "true or false";
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,20}");
    private static final Pattern URL_PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private enum Auth { L402, NONE, FREEBIE }

    private final Problems p;
    private final String source;
    private final Path baseDir;
    private final Path userHome;
    private final Map<String, String> env;

    ConfigReader(Problems problems, String source, Path baseDir, Path userHome, Map<String, String> env) {
        this.p = problems;
        this.source = source;
        this.baseDir = baseDir;
        this.userHome = userHome;
        this.env = env;
    }

    // ------------------------------------------------------------------ the document

    GatewayConfig read(Node root) {
        Obj top = new Obj(root, "", Pos.START, TOP_KEYS);
        ListenAddress listen = opt(top, "listen", GatewayConfig.DEFAULT_LISTEN, "host:port", ListenAddress::parse);
        Boolean http2 = opt(top, "http2", true, BOOL, ConfigReader::bool);
        String transport = opt(top, "transport", "auto", "a transport name", ConfigReader::transport);
        Path defaultDataDir = defaultDataDir();
        Path dataDir = opt(top, "data_dir", defaultDataDir, "a folder path", this::path);
        Path dir = dataDir != null ? dataDir : defaultDataDir;
        TlsConfig tls = tls(top, dir);
        List<Cidr> proxies = trustedProxies(top);
        LightningConfig lightning = lightning(top);
        StoreConfig store = store(top, dir);
        AdminConfig admin = admin(top, listen);
        RateLimits rateLimits = rateLimits(top);
        Duration invoiceExpiry = opt(top, "invoice_expiry", GatewayConfig.DEFAULT_INVOICE_EXPIRY,
                "a duration (e.g. 10m)", duration(MIN_INVOICE_EXPIRY, MAX_INVOICE_EXPIRY));
        BifrostConfig bifrost = bifrost(top);
        List<ServiceConfig> services = services(top);
        if (p.hasErrors()) {
            return null;
        }
        RouteTable routes;
        try {
            routes = new RouteTable(services.stream().map(ServiceConfig::route).toList());
        } catch (IllegalArgumentException e) {
            p.error(Pos.START, "services", e.getMessage());
            return null;
        }
        return new GatewayConfig(source, listen, tls, http2, transport, dataDir, proxies, lightning, store, admin, rateLimits,
                invoiceExpiry, bifrost, services, routes, p.warnings());
    }

    private Path defaultDataDir() {
        String home = env.get("TURNPIKE_HOME");
        if (home != null && !home.isBlank()) {
            try {
                return Path.of(home).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                p.error(Pos.START, "data_dir", "TURNPIKE_HOME is not a valid path: " + Problems.quote(home));
            }
        }
        return userHome.resolve(".turnpike");
    }

    // ------------------------------------------------------------------ sections

    private TlsConfig tls(Obj top, Path dataDir) {
        if (!top.has("tls")) {
            return new TlsConfig.Off();
        }
        Obj o = top.sub("tls", TLS_KEYS);
        Boolean selfSigned = opt(o, "self_signed", false, BOOL, ConfigReader::bool);
        Path cert = opt(o, "cert_file", null, "a PEM certificate file", this::existingFile);
        Path key = opt(o, "key_file", null, "a PEM private key file", this::existingFile);
        boolean files = o.has("cert_file") || o.has("key_file");
        if (Boolean.TRUE.equals(selfSigned)) {
            if (files) {
                p.error(o.keyPos("self_signed"), o.at("self_signed"),
                        "give either self_signed: true or cert_file and key_file, not both");
            }
            return TlsConfig.SelfSigned.in(dataDir);
        }
        if (!files) {
            if (o.has("self_signed")) {
                return new TlsConfig.Off();
            }
            p.error(o.pos, "tls", "give cert_file and key_file, or self_signed: true (leave tls out for plain HTTP)");
            return null;
        }
        if (!o.has("cert_file")) {
            p.error(o.pos, o.at("cert_file"), "is required with key_file");
        }
        if (!o.has("key_file")) {
            p.error(o.pos, o.at("key_file"), "is required with cert_file");
        }
        return cert != null && key != null ? new TlsConfig.PemFiles(cert, key) : null;
    }

    private List<Cidr> trustedProxies(Obj top) {
        List<Cidr> out = new ArrayList<>();
        for (Item it : top.list("trusted_proxies", "a list of addresses or CIDR ranges (e.g. [10.0.0.0/8, ::1])")) {
            Cidr c = scalar(it.node, it.path, "an address or CIDR range (e.g. 10.0.0.0/8)", Cidr::parse);
            if (c != null) {
                if (c.prefixLength() == 0) {
                    p.warn(it.node.pos(), it.path, "trusts every address: any client can claim any IP in X-Forwarded-For");
                }
                out.add(c);
            }
        }
        return out;
    }

    private LightningConfig lightning(Obj top) {
        Obj o = top.sub("lightning", LIGHTNING_KEYS);
        String backend = opt(o, "backend", "embedded", "a backend name", ConfigReader::lightningBackend);
        Network network = opt(o, "network", Network.REGTEST, "a network", ConfigReader::network);
        Boolean strict = opt(o, "strict_verify", false, BOOL, ConfigReader::bool);
        if (backend == null) {
            return null;
        }
        for (String section : List.of("dev_wallet_api", "lnd", "cln", "lnbits")) {
            boolean own = section.equals(backend) || (section.equals("dev_wallet_api") && backend.equals("embedded"));
            if (o.has(section) && !own) {
                p.error(o.keyPos(section), o.at(section), "only applies to backend: "
                        + (section.equals("dev_wallet_api") ? "embedded" : section) + " (backend is " + backend + ")");
            }
        }
        LightningConfig.Backend b = switch (backend) {
            case "lnd" -> lnd(o.sub("lnd", LND_KEYS));
            case "cln" -> cln(o.sub("cln", CLN_KEYS));
            case "lnbits" -> lnbits(o.sub("lnbits", LNBITS_KEYS));
            default -> embedded(o, network);
        };
        if (network == null || strict == null || b == null) {
            return null;
        }
        return new LightningConfig(network, strict, b);
    }

    private LightningConfig.Embedded embedded(Obj o, Network network) {
        Obj dw = o.sub("dev_wallet_api", DEV_WALLET_KEYS);
        Boolean enabled = opt(dw, "enabled", true, BOOL, ConfigReader::bool);
        String prefix = opt(dw, "prefix", GatewayConfig.DEFAULT_DEV_WALLET_PREFIX, "a path prefix",
                ConfigReader::urlPrefix);
        if (network == Network.BITCOIN) {
            p.warn(o.valuePos("network"), o.at("network"),
                    "the embedded node is for development: its invoices cannot be paid on mainnet");
        }
        return enabled == null || prefix == null ? null
                : new LightningConfig.Embedded(new LightningConfig.DevWalletApi(enabled, prefix));
    }

    private LightningConfig.Lnd lnd(Obj o) {
        ListenAddress host = req(o, "host", "lnd's REST address host:port (restlisten, 8080 by default)",
                ListenAddress::parse);
        Path cert = req(o, "tls_cert", "the node's tls.cert (e.g. ~/.lnd/tls.cert)", this::existingFile);
        Path macaroon = req(o, "macaroon",
                "an invoice.macaroon (e.g. ~/.lnd/data/chain/bitcoin/mainnet/invoice.macaroon)", this::existingFile);
        if (host != null && host.port() == 0) {
            p.error(o.valuePos("host"), o.at("host"), "needs the port lnd's REST API listens on (8080 by default)");
            return null;
        }
        return host == null || cert == null || macaroon == null ? null
                : new LightningConfig.Lnd(host.host(), host.port(), cert, macaroon);
    }

    private LightningConfig.Cln cln(Obj o) {
        URI url = req(o, "url", "clnrest's URL https://host:port (clnrest-port, 3010 by default)", ConfigReader::nodeUrl);
        Path cert = opt(o, "tls_cert", null, "a PEM certificate file", this::existingFile);
        Optional<SecretSource> rune = secret(o, "rune", "a rune");
        if (url != null && url.getScheme().equals("http") && o.has("tls_cert")) {
            p.error(o.keyPos("tls_cert"), o.at("tls_cert"), "only applies to an https url");
        }
        if (rune != null && rune.isEmpty()) {
            p.error(o.pos, o.at("rune_file"), "is required: a file holding the rune (or rune_env)");
        }
        return url == null || (o.has("tls_cert") && cert == null) || rune == null || rune.isEmpty() ? null
                : new LightningConfig.Cln(url, Optional.ofNullable(cert), rune.get());
    }

    private LightningConfig.Lnbits lnbits(Obj o) {
        URI url = req(o, "url", "the LNbits URL, e.g. https://lnbits.example.com", ConfigReader::nodeUrl);
        Optional<SecretSource> key = secret(o, "invoice_key", "an invoice key");
        if (key != null && key.isEmpty()) {
            p.error(o.pos, o.at("invoice_key_file"), "is required: a file holding the wallet's invoice key"
                    + " (or invoice_key_env)");
        }
        return url == null || key == null || key.isEmpty() ? null : new LightningConfig.Lnbits(url, key.get());
    }

    /**
     * A secret given as {@code <base>_file}, {@code <base>_env} or (warned about) {@code <base>}: empty if none is
     * given, null if one is wrong (the problem recorded).
     */
    private Optional<SecretSource> secret(Obj o, String base, String what) {
        List<String> keys = List.of(base + "_file", base + "_env", base);
        List<String> given = keys.stream().filter(o::has).toList();
        if (given.size() > 1) {
            p.error(o.keyPos(given.get(1)), o.at(given.get(1)), "give only one of " + keys.get(0) + ", " + keys.get(1) + " and " + keys.get(2)
                    + " (" + given.get(0) + " is set)");
            return null;
        }
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String key = given.get(0);
        SecretSource source;
        if (key.equals(keys.get(0))) {
            Path f = opt(o, key, null, "a file path", this::existingFile);
            source = f == null ? null : new SecretSource.FromFile(f);
        } else if (key.equals(keys.get(1))) {
            String var = opt(o, key, null, "an environment variable name", this::setVariable);
            source = var == null ? null : new SecretSource.FromEnv(var);
        } else {
            String inline = opt(o, key, null, what, ConfigReader::nonBlank);
            source = inline == null ? null : new SecretSource.Inline(inline);
            if (inline != null) {
                p.warn(o.keyPos(key), o.at(key), what + " written in the configuration file: prefer " + keys.get(0)
                        + " or " + keys.get(1));
            }
        }
        return source == null ? null : Optional.of(source);
    }

    private StoreConfig store(Obj top, Path dataDir) {
        Obj o = top.sub("store", STORE_KEYS);
        String backend = opt(o, "backend", "sqlite", "sqlite or postgres", s -> switch (s) {
            case "sqlite", "postgres" -> s;
            case "postgresql" -> "postgres";
            default -> throw new IllegalArgumentException("must be sqlite or postgres, was " + Problems.quote(s));
        });
        if (backend == null) {
            return null;
        }
        if (backend.equals("sqlite")) {
            for (String k : POSTGRES_ONLY) {
                if (o.has(k)) {
                    p.error(o.keyPos(k), o.at(k), "only applies to backend: postgres");
                }
            }
            Path path = opt(o, "path", dataDir.resolve("turnpike.db"), "a file path", this::path);
            return path == null ? null : new StoreConfig.Sqlite(path);
        }
        if (o.has("path")) {
            p.error(o.keyPos("path"), o.at("path"), "only applies to backend: sqlite (postgres takes url)");
        }
        String url = req(o, "url", "a JDBC URL jdbc:postgresql://host[:port]/database", ConfigReader::postgresUrl);
        String user = opt(o, "user", null, "a user name", ConfigReader::nonBlank);
        Optional<SecretSource> password = secret(o, "password", "a password");
        if (url == null || password == null) {
            return null;
        }
        return new StoreConfig.Postgres(url, Optional.ofNullable(user), password);
    }

    private AdminConfig admin(Obj top, ListenAddress main) {
        Obj o = top.sub("admin", ADMIN_KEYS);
        Boolean enabled = opt(o, "enabled", true, BOOL, ConfigReader::bool);
        ListenAddress listen = opt(o, "listen", GatewayConfig.DEFAULT_ADMIN_LISTEN, "host:port", ListenAddress::parse);
        if (enabled == null || listen == null) {
            return null;
        }
        if (enabled && main != null && listen.port() != 0 && listen.port() == main.port()
                && (listen.host().equals(main.host()) || isWildcard(listen.host()) || isWildcard(main.host()))) {
            p.error(o.has("listen") ? o.valuePos("listen") : o.pos, o.at("listen"),
                    "must differ from listen (" + main + "): the admin API needs its own port");
        }
        if (enabled && !listen.isLoopback()) {
            p.warn(o.has("listen") ? o.valuePos("listen") : o.pos, o.at("listen"),
                    "the admin API listens beyond loopback: keep it behind a firewall");
        }
        return new AdminConfig(enabled, listen);
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    private RateLimits rateLimits(Obj top) {
        Obj o = top.sub("rate_limits", RATE_KEYS);
        RateLimits.IpRateLimit challenges = ipRateLimit(o.sub("challenges_per_ip", CHALLENGE_RATE_KEYS), 60, 20);
        Obj t = o.sub("requests_per_token", TOKEN_RATE_KEYS);
        Boolean tEnabled = opt(t, "enabled", true, BOOL, ConfigReader::bool);
        Long perSecond = opt(t, "per_second", 100L, "a whole number", integer(1, 1_000_000));
        Long tBurst = opt(t, "burst", 200L, "a whole number", integer(1, 1_000_000));
        if (challenges == null || tEnabled == null || perSecond == null || tBurst == null) {
            return null;
        }
        return new RateLimits(challenges, new RateLimits.RateLimit(tEnabled, perSecond, Duration.ofSeconds(1), tBurst));
    }

    /** A per-minute limit per client address prefix ({@code enabled, per_minute, burst, ipv4_prefix, ipv6_prefix}). */
    private RateLimits.IpRateLimit ipRateLimit(Obj c, long perMinuteDefault, long burstDefault) {
        RateLimits.RateLimit limit = perMinuteLimit(c, perMinuteDefault, burstDefault);
        Long v4 = opt(c, "ipv4_prefix", 24L, "a prefix length", integer(1, 32));
        Long v6 = opt(c, "ipv6_prefix", 48L, "a prefix length", integer(1, 128));
        return limit == null || v4 == null || v6 == null ? null
                : new RateLimits.IpRateLimit(limit, v4.intValue(), v6.intValue());
    }

    private RateLimits.RateLimit perMinuteLimit(Obj c, long perMinuteDefault, long burstDefault) {
        Boolean enabled = opt(c, "enabled", true, BOOL, ConfigReader::bool);
        Long perMinute = opt(c, "per_minute", perMinuteDefault, "a whole number", integer(1, 1_000_000));
        Long burst = opt(c, "burst", burstDefault, "a whole number", integer(1, 1_000_000));
        return enabled == null || perMinute == null || burst == null ? null
                : new RateLimits.RateLimit(enabled, perMinute, Duration.ofMinutes(1), burst);
    }

    private BifrostConfig bifrost(Obj top) {
        BifrostConfig d = BifrostConfig.defaults(false);
        Obj o = top.sub("bifrost", BIFROST_KEYS);
        Boolean enabled = opt(o, "enabled", d.enabled(), BOOL, ConfigReader::bool);
        String prefix = opt(o, "prefix", d.prefix(), "a path prefix", ConfigReader::urlPrefix);
        Duration ttl = opt(o, "session_ttl", d.sessionTtl(), "a duration (e.g. 3m)",
                duration(Duration.ofSeconds(30), Duration.ofHours(1)));
        Duration lifetime = opt(o, "max_token_lifetime", d.maxTokenLifetime(), "a duration (e.g. 12h)",
                duration(Duration.ofMinutes(1), Duration.ofDays(365)));
        Duration skew = opt(o, "clock_skew", d.clockSkew(), "a duration (e.g. 1m)",
                duration(Duration.ZERO, Duration.ofMinutes(15)));
        URI publicBase = opt(o, "public_base_url", null, "an http(s) URL", ConfigReader::publicBaseUrl);
        String deepLink = opt(o, "deep_link_template", d.deepLinkTemplate(), "a link template",
                ConfigReader::deepLinkTemplate);
        Boolean strict = opt(o, "strict_original", d.strictOriginal(), BOOL, ConfigReader::bool);
        Duration interval = opt(o, "poll_interval", d.pollInterval(), "a duration (e.g. 5s)",
                duration(Duration.ofSeconds(1), Duration.ofMinutes(1)));
        Obj limits = o.sub("rate_limits", BIFROST_RATE_KEYS);
        RateLimits.IpRateLimit perIp = ipRateLimit(limits.sub("sessions_per_ip", CHALLENGE_RATE_KEYS),
                d.sessionsPerIp().limit().requests(), d.sessionsPerIp().limit().burst());
        RateLimits.RateLimit perKey = perMinuteLimit(limits.sub("sessions_per_key", List.of("enabled", "per_minute",
                "burst")), d.sessionsPerKey().requests(), d.sessionsPerKey().burst());
        if (Boolean.TRUE.equals(strict)) {
            p.warn(o.keyPos("strict_original"), o.at("strict_original"), "anyone who sees a session id (it is in the"
                    + " QR code) can read the approved token: use only with clients that cannot send a poll token");
        }
        if (enabled == null || prefix == null || ttl == null || lifetime == null || skew == null
                || (o.has("public_base_url") && publicBase == null) || deepLink == null || strict == null
                || interval == null || perIp == null || perKey == null) {
            return null;
        }
        return new BifrostConfig(enabled, prefix, ttl, lifetime, skew,
                Optional.ofNullable(publicBase), deepLink, strict, interval, perIp, perKey);
    }

    // ------------------------------------------------------------------ services

    private List<ServiceConfig> services(Obj top) {
        Node n = top.node("services");
        if (n == null || (n instanceof Scalar s && s.isNull())) {
            p.error(n == null ? top.pos : top.keyPos("services"), "services", "at least one service is required");
            return List.of();
        }
        if (!(n instanceof SeqNode q)) {
            p.error(n.pos(), "services", "must be a list of services (each starting with '- name: …'), was "
                    + YamlTree.kind(n));
            return List.of();
        }
        if (q.items().isEmpty()) {
            p.error(n.pos(), "services", "at least one service is required");
            return List.of();
        }
        Map<String, Pos> names = new HashMap<>();
        List<ServiceConfig> out = new ArrayList<>();
        String takesAll = null;
        for (int i = 0; i < q.items().size(); i++) {
            Node item = q.items().get(i);
            String path = "services[" + i + "]";
            if (takesAll != null) {
                p.warn(item.pos(), path, "never used: " + takesAll + " before it takes every request");
            }
            ServiceConfig sc = service(item, path, names);
            if (sc != null) {
                out.add(sc);
                ServiceRoute r = sc.route();
                if (takesAll == null && r.host() == null
                        && (r.path().pattern().equals(".*") || r.path().pattern().equals(DEFAULT_PATH_REGEX))) {
                    takesAll = path + " (" + r.name() + ")";
                }
            }
        }
        return out;
    }

    private ServiceConfig service(Node item, String at, Map<String, Pos> names) {
        Obj o = new Obj(item, at, item.pos(), SERVICE_KEYS);
        if (!(item instanceof MapNode)) {
            return null;
        }
        String name = req(o, "name", "a service name", ConfigReader::serviceName);
        if (name != null) {
            Pos first = names.putIfAbsent(name, o.valuePos("name"));
            if (first != null) {
                p.error(o.valuePos("name"), o.at("name"), "duplicate service name " + Problems.quote(name)
                        + " (first at line " + first.line() + ")");
            }
        }
        Obj match = o.sub("match", MATCH_KEYS);
        Pattern host = match.has("host")
                ? regex(match.node("host"), match.at("host"), Pattern.CASE_INSENSITIVE) : null;
        Pattern path = match.has("path")
                ? regex(match.node("path"), match.at("path"), 0) : Pattern.compile(DEFAULT_PATH_REGEX);
        boolean matchOk = (!match.has("host") || host != null) && path != null;
        Upstream upstream = req(o, "upstream", "an upstream URL (http://, https:// or h2c://host[:port][/base])",
                ConfigReader::upstream);
        Path ca = opt(o, "upstream_ca_file", null, "a PEM certificate file", this::existingFile);
        if (ca != null && upstream != null) {
            if (upstream.scheme() != Upstream.Scheme.HTTPS) {
                p.error(o.valuePos("upstream_ca_file"), o.at("upstream_ca_file"),
                        "only applies to https upstreams (this one is " + upstream.scheme().name().toLowerCase(Locale.ROOT) + ")");
            } else {
                upstream = new Upstream(upstream.scheme(), upstream.host(), upstream.port(), upstream.basePath(), ca);
            }
        }
        boolean caOk = !o.has("upstream_ca_file") || ca != null;
        Auth auth = opt(o, "auth", Auth.L402, "l402, none or freebie", ConfigReader::auth);
        List<Pattern> whitelist = patterns(o, "whitelist");

        if (auth == Auth.NONE) {
            for (String k : PAID_ONLY) {
                if (o.has(k)) {
                    p.error(o.keyPos(k), o.at(k), "only applies to auth: l402 or freebie (this service has auth: none)");
                }
            }
            if (o.has("whitelist")) {
                p.warn(o.keyPos("whitelist"), o.at("whitelist"), "has no effect: with auth: none every path is open");
            }
            if (name == null || !matchOk || upstream == null || !caOk || whitelist == null) {
                return null;
            }
            return new ServiceConfig(new ServiceRoute(name, host, path, upstream, new AuthPolicy.None(), List.of(),
                    whitelist), false);
        }
        if (auth == Auth.L402 && o.has("free_requests")) {
            p.error(o.keyPos("free_requests"), o.at("free_requests"), "only applies to auth: freebie");
        }
        Long price = req(o, "price_sats", "a whole number of satoshis >= 1", integer(1, MAX_PRICE_SATS));
        Long free = auth == Auth.FREEBIE
                ? req(o, "free_requests", "a whole number >= 1", integer(1, 1_000_000_000)) : Long.valueOf(1);
        Boolean allowNever = opt(o, "allow_tokens_without_expiry", false, BOOL, ConfigReader::bool);
        Duration lifetime = GatewayConfig.DEFAULT_TOKEN_LIFETIME;
        boolean never = false;
        Node lifeNode = o.node("token_lifetime");
        if (lifeNode instanceof Scalar s && s.value().strip().equalsIgnoreCase("never")) {
            never = true;
            lifetime = ServiceConfig.NEVER_EXPIRES;
            if (!Boolean.TRUE.equals(allowNever) && allowNever != null) {
                p.error(s.pos(), o.at("token_lifetime"), "never needs allow_tokens_without_expiry: true on this service"
                        + " (a token that never expires can only be stopped by revoking it)");
            }
        } else if (lifeNode != null) {
            lifetime = scalar(lifeNode, o.at("token_lifetime"), "a duration (e.g. 1h, 30d) or never",
                    duration(Duration.ofSeconds(1), ServiceConfig.MAX_TOKEN_LIFETIME));
            if (lifetime != null && lifetime.getNano() != 0) {
                p.error(lifeNode.pos(), o.at("token_lifetime"), "must be whole seconds, was " + lifetime);
                lifetime = null;
            }
        }
        if (Boolean.TRUE.equals(allowNever) && !never) {
            p.warn(o.keyPos("allow_tokens_without_expiry"), o.at("allow_tokens_without_expiry"),
                    "has no effect: token_lifetime is not never");
        }
        Long tier = opt(o, "tier", 0L, "a whole number from 0 to 255", integer(0, 255));
        List<String> capabilities = capabilities(o);
        List<CapabilityRule> rules = capabilityRules(o, capabilities);
        List<L402Caveat> constraints = constraints(o);
        if (name == null || !matchOk || upstream == null || !caOk || whitelist == null || auth == null
                || price == null || free == null || allowNever == null || lifetime == null || tier == null
                || capabilities == null || rules == null || constraints == null) {
            return null;
        }
        AuthPolicy.L402 paid = new AuthPolicy.L402(Price.sats(price), lifetime, tier.intValue(), capabilities, constraints);
        AuthPolicy policy = auth == Auth.FREEBIE ? new AuthPolicy.Freebie(free.intValue(), paid) : paid;
        return new ServiceConfig(new ServiceRoute(name, host, path, upstream, policy, rules, whitelist), never);
    }

    private List<String> capabilities(Obj o) {
        Set<String> out = new LinkedHashSet<>();
        boolean ok = true;
        for (Item it : o.list("capabilities", "a list of capability names (e.g. [read, write])")) {
            String c = scalar(it.node, it.path, "a capability name", ConfigReader::caveatName);
            if (c == null) {
                ok = false;
            } else if (!out.add(c)) {
                p.error(it.node.pos(), it.path, "capability " + Problems.quote(c) + " is listed twice");
                ok = false;
            }
        }
        return ok && o.listOk("capabilities") ? List.copyOf(out) : null;
    }

    private List<CapabilityRule> capabilityRules(Obj o, List<String> granted) {
        List<CapabilityRule> out = new ArrayList<>();
        boolean ok = o.listOk("capability_rules");
        for (Item it : o.list("capability_rules", "a list of rules ({methods: [GET], path: /x/.*, capability: read})")) {
            Obj r = new Obj(it.node, it.path, it.node.pos(), RULE_KEYS);
            if (!(it.node instanceof MapNode)) {
                ok = false;
                continue;
            }
            Set<String> methods = new LinkedHashSet<>();
            boolean ruleOk = r.listOk("methods");
            for (Item m : r.list("methods", "a list of HTTP methods (e.g. [GET, HEAD])")) {
                String method = scalar(m.node, m.path, "an HTTP method", s -> {
                    if (!METHOD.matcher(s).matches()) {
                        throw new IllegalArgumentException("must be an HTTP method such as GET or POST, was " + Problems.quote(s));
                    }
                    return s.toUpperCase(Locale.ROOT);
                });
                if (method == null) {
                    ruleOk = false;
                } else {
                    methods.add(method);
                }
            }
            Pattern path = r.has("path") ? regex(r.node("path"), r.at("path"), 0) : Pattern.compile(".*");
            String capability = req(r, "capability", "a capability name", ConfigReader::caveatName);
            if (capability != null && granted != null && !granted.contains(capability)) {
                p.error(r.valuePos("capability"), r.at("capability"), Problems.quote(capability)
                        + " is not among this service's capabilities "
                        + (granted.isEmpty() ? "(none are listed: add capabilities: [" + capability + "])"
                                : "(" + String.join(", ", granted) + ")"));
                ruleOk = false;
            }
            if (ruleOk && path != null && capability != null) {
                out.add(new CapabilityRule(methods, path, capability));
            } else {
                ok = false;
            }
        }
        return ok ? out : null;
    }

    private List<L402Caveat> constraints(Obj o) {
        Node n = o.node("constraints");
        if (n == null || (n instanceof Scalar s && s.isNull())) {
            return List.of();
        }
        if (!(n instanceof MapNode m)) {
            p.error(n.pos(), o.at("constraints"), "must be a mapping of condition: value (e.g. quotes_region: eu), was "
                    + YamlTree.kind(n));
            return null;
        }
        List<L402Caveat> out = new ArrayList<>();
        boolean ok = true;
        for (Entry e : m.entries()) {
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
                p.error(e.key().pos(), at, problem);
                ok = false;
                continue;
            }
            String value = scalar(e.value(), at, "a value", s -> {
                if (s.length() > MAX_CONSTRAINT_VALUE_LENGTH) {
                    throw new IllegalArgumentException("must be at most " + MAX_CONSTRAINT_VALUE_LENGTH + " characters");
                }
                if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new IllegalArgumentException("must not contain control characters, was " + Problems.quote(s));
                }
                return s;
            });
            if (value == null) {
                ok = false;
            } else {
                out.add(L402Caveat.constraint(condition, value));
            }
        }
        return ok ? out : null;
    }

    private List<Pattern> patterns(Obj o, String key) {
        List<Pattern> out = new ArrayList<>();
        boolean ok = o.listOk(key);
        for (Item it : o.list(key, "a list of path regular expressions")) {
            Pattern pt = regex(it.node, it.path, 0);
            if (pt == null) {
                ok = false;
            } else {
                out.add(pt);
            }
        }
        return ok ? out : null;
    }

    // ------------------------------------------------------------------ value parsers (throw IAE with the message)

    static Boolean bool(String s) {
        return switch (s) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw new IllegalArgumentException("must be true or false, was " + Problems.quote(s));
        };
    }

    static Function<String, Long> integer(long min, long max) {
        String range = max >= MAX_PRICE_SATS ? ">= " + min : "from " + min + " to " + max;
        return s -> {
            String t = s.strip();
            boolean digits = !t.isEmpty() && t.length() <= 18 && t.chars().allMatch(c -> c >= '0' && c <= '9');
            long v = digits ? Long.parseLong(t) : -1;
            if (!digits || v < min || v > max) {
                throw new IllegalArgumentException("must be a whole number " + range + ", was " + Problems.quote(s));
            }
            return v;
        };
    }

    static Function<String, Duration> duration(Duration min, Duration max) {
        return s -> {
            Duration d;
            try {
                d = Durations.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be a duration such as 90s, 30m, 12h, 7d or PT1H, was "
                        + Problems.quote(s));
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be from " + Durations.format(min) + " to "
                        + Durations.format(max) + ", was " + Problems.quote(s));
            }
            return d;
        };
    }

    static String nonBlank(String s) {
        if (s.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return s;
    }

    static String serviceName(String s) {
        if (!SERVICE_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("must be 1 to 64 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit, was " + Problems.quote(s));
        }
        return s;
    }

    static String caveatName(String s) {
        if (!L402Caveat.isValidName(s)) {
            throw new IllegalArgumentException("must be 1 to " + L402Caveat.MAX_NAME_LENGTH
                    + " printable ASCII characters without space, ',', ':' or '=', was " + Problems.quote(s));
        }
        return s;
    }

    static String urlPrefix(String s) {
        if (!URL_PREFIX.matcher(s).matches() || s.contains("/./") || s.contains("/../") || s.endsWith("/.")
                || s.endsWith("/..")) {
            throw new IllegalArgumentException("must be a path prefix like /devwallet (starts with '/', no trailing"
                    + " '/', letters, digits and . _ ~ -), was " + Problems.quote(s));
        }
        return s;
    }

    private static URI uri(String s) {
        try {
            return new URI(s.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + Problems.quote(s));
        }
    }

    /** Lower case; empty for a URL without one. */
    private static String schemeOf(URI u) {
        return u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    }

    /** An http(s) URL without user info, query or fragment, as clients reach the gateway; no trailing slash kept. */
    static URI publicBaseUrl(String s) {
        URI u = uri(s);
        String scheme = schemeOf(u);
        if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || u.getRawUserInfo() != null
                || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("must be an http(s)://host[:port][/path] URL without query or"
                    + " credentials, was " + Problems.quote(s));
        }
        String text = u.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** A wallet link with {@code {session}} or {@code {session_url}} in it, e.g. {@code sea://auth?session={session}}. */
    static String deepLinkTemplate(String s) {
        String t = s.strip();
        try {
            DeepLink.of(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", was " + Problems.quote(s));
        }
        String scheme = t.substring(0, t.indexOf(':')).toLowerCase(Locale.ROOT);
        if (List.of("javascript", "data", "vbscript", "file").contains(scheme)) {
            throw new IllegalArgumentException("must not be a " + scheme + ": link (it is put in the session page),"
                    + " was " + Problems.quote(s));
        }
        return t;
    }

    static String transport(String s) {
        if (!Transport.NAMES.contains(s)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", Transport.NAMES) + ", was "
                    + Problems.quote(s));
        }
        return s;
    }

    static String lightningBackend(String s) {
        return switch (s) {
            case "embedded", "lnd", "cln", "lnbits" -> s;
            case "clightning", "core-lightning", "corelightning" -> "cln";
            default -> throw new IllegalArgumentException("must be embedded, lnd, cln or lnbits, was " + Problems.quote(s));
        };
    }

    /** An http(s) URL of a node's API without credentials, query or fragment; plain http only to loopback. */
    static URI nodeUrl(String s) {
        URI u = uri(s);
        String scheme = schemeOf(u);
        if (!scheme.equals("https") && !scheme.equals("http") || u.getHost() == null) {
            throw new IllegalArgumentException("must be an https://host[:port][/path] URL, was " + Problems.quote(s));
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("must not carry credentials, a query or a fragment: " + Problems.quote(s));
        }
        if (scheme.equals("http") && !isLoopbackHost(u.getHost())) {
            throw new IllegalArgumentException("plain http is only allowed to loopback (the key would travel in the"
                    + " clear): use https, was " + Problems.quote(s));
        }
        return u;
    }

    private static boolean isLoopbackHost(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    static Network network(String s) {
        return switch (s) {
            case "regtest" -> Network.REGTEST;
            case "testnet" -> Network.TESTNET;
            case "signet" -> Network.SIGNET;
            case "mainnet", "bitcoin" -> Network.BITCOIN;
            case "simnet" -> Network.SIMNET;
            default -> throw new IllegalArgumentException("must be regtest, testnet, signet, mainnet or simnet, was "
                    + Problems.quote(s));
        };
    }

    static Auth auth(String s) {
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
            case "bifrost", "either" -> throw new IllegalArgumentException(Problems.quote(s) + " is not yet supported");
            default -> throw new IllegalArgumentException("must be l402, none or freebie, was " + Problems.quote(s));
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

    static String postgresUrl(String s) {
        String t = s.strip();
        if (t.startsWith("postgres://") || t.startsWith("postgresql://")) {
            throw new IllegalArgumentException("write the JDBC form jdbc:postgresql://" + t.substring(t.indexOf("//") + 2)
                    .replaceFirst("^[^@/]*@", ""));
        }
        if (!t.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("must be jdbc:postgresql://host[:port]/database, was " + Problems.quote(s));
        }
        URI u;
        try {
            u = URI.create(t.substring(5));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: " + Problems.quote(s));
        }
        if (u.getRawUserInfo() != null || (u.getRawQuery() != null
                && u.getRawQuery().toLowerCase(Locale.ROOT).matches("(.*&)?password=.*"))) {
            throw new IllegalArgumentException("must not carry credentials: use user and password_file or password_env");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("must be jdbc:postgresql://host[:port]/database, was " + Problems.quote(s));
        }
        return t;
    }

    private String setVariable(String s) {
        if (!ENV_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("must be an environment variable name, was " + Problems.quote(s));
        }
        if (env.get(s) == null) {
            throw new IllegalArgumentException("environment variable " + s + " is not set");
        }
        return s;
    }

    private Path path(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid path: " + Problems.quote(s));
        }
        try {
            Path raw;
            if (s.equals("~")) {
                raw = userHome;
            } else if (s.startsWith("~/")) {
                raw = userHome.resolve(s.substring(2));
            } else {
                raw = baseDir.resolve(s);
            }
            return raw.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + Problems.quote(s));
        }
    }

    private Path existingFile(String s) {
        Path f = path(s);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("no such file: " + f);
        }
        if (!Files.isReadable(f)) {
            throw new IllegalArgumentException("cannot read " + f);
        }
        return f;
    }

    // ------------------------------------------------------------------ tree access

    /** A scalar converted by {@code f}; null (problem recorded) if it is not a scalar, empty, or rejected. */
    private <T> T scalar(Node n, String at, String what, Function<String, T> f) {
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

    private <T> T opt(Obj o, String key, T absent, String what, Function<String, T> f) {
        Node n = o.node(key);
        return n == null ? absent : scalar(n, o.at(key), what, f);
    }

    private <T> T req(Obj o, String key, String what, Function<String, T> f) {
        Node n = o.node(key);
        if (n == null) {
            p.error(o.pos, o.at(key), "is required: " + what);
            return null;
        }
        return scalar(n, o.at(key), what, f);
    }

    /** Compiles a regular expression; a syntax error is reported at its column in the file when known. */
    private Pattern regex(Node n, String at, int flags) {
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

    private record Item(Node node, String path) {}

    /** A mapping with a known set of keys; unknown keys are reported when it is made. */
    private final class Obj {
        final String path;
        final Pos pos;
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final Set<String> badLists = new java.util.HashSet<>();

        Obj(Node n, String path, Pos fallback, List<String> allowed) {
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
                    p.error(e.key().pos(), at(k), unknownKey(k, allowed));
                }
            }
        }

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

        Obj sub(String key, List<String> allowed) {
            return new Obj(node(key), at(key), keyPos(key), allowed);
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
