package dev.turnpike.gateway.config;

import dev.turnpike.gateway.route.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's configuration: an immutable, validated snapshot of a {@code turnpike.yaml}, with the services
 * already compiled into a {@link RouteTable} so that nothing reads configuration per request. The reference of
 * every key is {@code docs/configuration.md}.
 *
 * <p>Read one with {@link #load(Path)} or {@link #parse(String, String)}; either returns a snapshot or throws a
 * {@link ConfigException} listing every problem, each with its line, column and key path. Relative paths in the
 * file are resolved against the file's folder ({@link #parse(String, String)}: the working directory), and
 * {@code ~/} against the user's home.
 *
 * @param source          the file name the snapshot was read from
 * @param listen          the main (proxy) listener
 * @param tls             TLS on the main listener
 * @param http2           HTTP/2 on the main listener: h2 by ALPN with TLS, h2c (prior knowledge and upgrade) without
 * @param transport       the socket layer: {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}
 * @param dataDir         the state folder (absolute)
 * @param trustedProxies  peers whose {@code X-Forwarded-For}/{@code Forwarded} headers are believed
 * @param lightning       the Lightning backend
 * @param store           the database
 * @param admin           the admin API listener
 * @param accessLog       the access log
 * @param rateLimits      the rate limits
 * @param clientConnections deadlines and a per-network cap for client connections
 * @param invoiceExpiry   how long a challenge's invoice can be paid
 * @param bifrost         the Bifrost bridge
 * @param services        the services, in file order
 * @param routes          the same services compiled, first match wins
 * @param warnings        things that work but look wrong (e.g. an inline password), for the log at start
 */
public record GatewayConfig(
        String source,
        ListenAddress listen,
        TlsConfig tls,
        boolean http2,
        TransportChoice transport,
        Path dataDir,
        List<Cidr> trustedProxies,
        LightningConfig lightning,
        StoreConfig store,
        AdminConfig admin,
        AccessLogConfig accessLog,
        RateLimits rateLimits,
        ClientConnections clientConnections,
        Duration invoiceExpiry,
        BifrostConfig bifrost,
        List<ServiceConfig> services,
        RouteTable routes,
        List<ConfigProblem> warnings) {

    /** The largest configuration file accepted. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    public static final ListenAddress DEFAULT_LISTEN = new ListenAddress("127.0.0.1", 8402);
    public static final ListenAddress DEFAULT_ADMIN_LISTEN = new ListenAddress("127.0.0.1", 8403);
    public static final Duration DEFAULT_INVOICE_EXPIRY = Duration.ofMinutes(10);
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    public static final String DEFAULT_DEV_WALLET_PREFIX = "/devwallet";

    public GatewayConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(dataDir, "dataDir");
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(lightning, "lightning");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(clientConnections, "clientConnections");
        Objects.requireNonNull(invoiceExpiry, "invoiceExpiry");
        Objects.requireNonNull(bifrost, "bifrost");
        services = List.copyOf(services);
        Objects.requireNonNull(routes, "routes");
        warnings = List.copyOf(warnings);
    }

    /** Reads a configuration file (at most {@link #MAX_FILE_BYTES}, UTF-8). */
    public static GatewayConfig load(Path file) throws ConfigException {
        return loader().load(file);
    }

    /**
     * Reads configuration text; {@code sourceName} names it in messages. Relative paths resolve against the
     * working directory.
     */
    public static GatewayConfig parse(String yamlText, String sourceName) throws ConfigException {
        return loader().parse(yamlText, sourceName);
    }

    /** A loader with the process's environment, home and working directory, each replaceable (tests). */
    public static Loader loader() {
        return new Loader();
    }

    /** Whether a connection from {@code peer} may tell the client's address in forwarding headers. */
    public boolean isTrustedProxy(InetAddress peer) {
        for (Cidr c : trustedProxies) {
            if (c.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some service mints tokens without expiry (the minter must then allow it). */
    public boolean allowsTokensWithoutExpiry() {
        return services.stream().anyMatch(ServiceConfig::tokensNeverExpire);
    }

    /** The service named {@code name}. */
    public Optional<ServiceConfig> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Reads configurations; holds what the defaults depend on. Not thread-safe while being configured. */
    public static final class Loader {
        private Map<String, String> environment = System.getenv();
        private Path userHome = Path.of(System.getProperty("user.home", "."));
        private Path workingDirectory = Path.of("").toAbsolutePath();

        private Loader() {}

        /** The environment ({@code TURNPIKE_HOME}, variables named by {@code password_env}). */
        public Loader environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** The home folder for {@code ~} and the default data folder {@code ~/.turnpike}. */
        public Loader userHome(Path home) {
            this.userHome = home.toAbsolutePath();
            return this;
        }

        /** The folder relative paths in {@link #parse} text resolve against. */
        public Loader workingDirectory(Path dir) {
            this.workingDirectory = dir.toAbsolutePath();
            return this;
        }

        /** Reads {@code file}; its relative paths resolve against its folder. */
        public GatewayConfig load(Path file) throws ConfigException {
            String source = file.toString();
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            } catch (NoSuchFileException e) {
                throw fileProblem(source, "no such file");
            } catch (IOException e) {
                throw fileProblem(source, "cannot read: " + e.getMessage());
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw fileProblem(source, "larger than " + MAX_FILE_BYTES + " bytes: not a configuration file?");
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (MalformedInputException e) {
                throw fileProblem(source, "not UTF-8 text (invalid byte sequence)");
            } catch (CharacterCodingException e) {
                throw fileProblem(source, "not UTF-8 text");
            }
            Path dir = file.toAbsolutePath().getParent();
            return read(text, source, dir == null ? workingDirectory : dir);
        }

        /** Reads {@code yamlText}, named {@code sourceName} in messages. */
        public GatewayConfig parse(String yamlText, String sourceName) throws ConfigException {
            Objects.requireNonNull(yamlText, "yamlText");
            Objects.requireNonNull(sourceName, "sourceName");
            if (yamlText.length() > MAX_FILE_BYTES) {
                throw fileProblem(sourceName, "larger than " + MAX_FILE_BYTES + " characters: not a configuration file?");
            }
            return read(yamlText, sourceName, workingDirectory);
        }

        private GatewayConfig read(String text, String source, Path baseDir) throws ConfigException {
            Problems problems = new Problems(source, text);
            YamlTree.Node root;
            try {
                root = YamlTree.parse(text, MAX_FILE_BYTES + 1, problems);
            } catch (Problems.Stop stop) {
                throw problems.exception();
            }
            if (problems.hasErrors()) {
                throw problems.exception();
            }
            GatewayConfig config = new ConfigReader(problems, source, baseDir, userHome, environment).read(root);
            if (problems.hasErrors() || config == null) {
                throw problems.exception();
            }
            return config;
        }

        private static ConfigException fileProblem(String source, String message) {
            return new ConfigException(List.of(new ConfigProblem(source, 0, 0, "", message)));
        }
    }
}
