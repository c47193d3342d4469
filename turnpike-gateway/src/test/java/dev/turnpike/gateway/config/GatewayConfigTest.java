package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.io.PrivateFiles;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.Price;
import dev.turnpike.lightning.bolt11.Network;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

    static final Path HOME = Path.of("/home/test");
    static final Path EXAMPLE = Path.of("..", "turnpike.example.yaml");

    static GatewayConfig.Loader loader() {
        return GatewayConfig.loader().environment(Map.of()).userHome(HOME);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(GatewayConfigTest.class.getResource("/config/" + name).toURI());
    }

    @Test
    void theExampleLoadsWithEverySetting() throws Exception {
        assertThat(EXAMPLE).as("turnpike.example.yaml at the repository root").isRegularFile();
        GatewayConfig c = loader().load(EXAMPLE);

        assertThat(c.source()).isEqualTo(EXAMPLE.toString());
        assertThat(c.listen()).isEqualTo(new ListenAddress("127.0.0.1", 8402));
        assertThat(c.tls()).isEqualTo(new TlsConfig.Off());
        assertThat(c.http2()).isTrue();
        assertThat(c.transport()).isEqualTo(TransportChoice.AUTO);
        assertThat(c.dataDir()).isEqualTo(HOME.resolve(".turnpike"));
        assertThat(c.trustedProxies()).extracting(Cidr::toString).containsExactly("127.0.0.1/32", "::1/128");
        assertThat(c.isTrustedProxy(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(c.isTrustedProxy(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(c.lightning()).isEqualTo(new LightningConfig(Network.REGTEST, false, new LightningConfig.Embedded(
                new LightningConfig.DevWalletApi(true, "/devwallet"))));
        assertThat(c.store()).isEqualTo(new StoreConfig.Sqlite(HOME.resolve(".turnpike/turnpike.db")));
        assertThat(c.admin()).isEqualTo(new AdminConfig(true, new ListenAddress("127.0.0.1", 8403)));
        assertThat(c.rateLimits().challengesPerIp()).isEqualTo(new RateLimits.IpRateLimit(
                new RateLimits.RateLimit(true, 60, Duration.ofMinutes(1), 20), 24, 48));
        assertThat(c.rateLimits().requestsPerToken()).isEqualTo(
                new RateLimits.RateLimit(true, 100, Duration.ofSeconds(1), 200));
        assertThat(c.clientConnections()).isEqualTo(ClientConnections.DEFAULT);
        assertThat(c.invoiceExpiry()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.warnings()).isEmpty();

        assertThat(c.services()).extracting(ServiceConfig::name).containsExactly("quotes", "echo-grpc", "archive", "energy",
                "status");
        assertThat(c.routes().routes()).isEqualTo(c.services().stream().map(ServiceConfig::route).toList());

        AuthPolicy.Bifrost energy = (AuthPolicy.Bifrost) c.service("energy").orElseThrow().route().auth();
        assertThat(energy.delegation().ruleFor("GET", "/energy/sites/site-1/meters").scope()).contains("read:meter");
        assertThat(energy.delegation().neverDelegableFor("POST", "/energy/gateways/g/transfer")).isNotNull();

        ServiceRoute quotes = c.service("quotes").orElseThrow().route();
        assertThat(quotes.upstream()).isEqualTo(new Upstream(Upstream.Scheme.HTTP, "127.0.0.1", 9000, "", null));
        assertThat(quotes.auth()).isEqualTo(new AuthPolicy.L402(Price.sats(10), Duration.ofHours(1), 0,
                List.of("read", "write"), List.of(L402Caveat.constraint("quotes_region", "eu"))));
        assertThat(quotes.matches("API.example.com", "/quotes/1")).isTrue(); // host case-insensitive
        assertThat(quotes.matches("localhost", "/quotes")).isTrue();
        assertThat(quotes.matches("evil.com", "/quotes")).isFalse();
        assertThat(quotes.matches("localhost", "/quotesx")).isFalse();
        assertThat(quotes.capabilityFor("GET", "/quotes/1")).contains("read");
        assertThat(quotes.capabilityFor("DELETE", "/quotes/1")).contains("write");
        assertThat(quotes.capabilityFor("OPTIONS", "/quotes/1")).isEmpty();
        assertThat(quotes.capabilityRules().get(0).methods()).isEqualTo(Set.of("GET", "HEAD"));
        assertThat(quotes.isWhitelisted("/quotes/health")).isTrue();
        assertThat(quotes.isWhitelisted("/quotes/1")).isFalse();

        ServiceRoute echo = c.service("echo-grpc").orElseThrow().route();
        assertThat(echo.upstream().scheme()).isEqualTo(Upstream.Scheme.H2C);
        assertThat(echo.host()).isNull();
        assertThat(echo.auth()).isEqualTo(new AuthPolicy.Freebie(5,
                new AuthPolicy.L402(Price.sats(1), Duration.ofDays(30), 0, List.of(), List.of())));

        ServiceConfig archive = c.service("archive").orElseThrow();
        assertThat(archive.tokensNeverExpire()).isTrue();
        assertThat(((AuthPolicy.L402) archive.route().auth()).tokenLifetime()).isEqualTo(ServiceConfig.NEVER_EXPIRES);
        assertThat(archive.route().upstream()).isEqualTo(new Upstream(Upstream.Scheme.HTTPS, "archive.example.com", 443, "/v1", null));
        assertThat(c.allowsTokensWithoutExpiry()).isTrue();

        assertThat(c.service("status").orElseThrow().route().auth()).isEqualTo(new AuthPolicy.None());
        assertThat(c.routes().match("localhost", "/status").orElseThrow().name()).isEqualTo("status");
        assertThat(c.routes().match("localhost", "/nothing")).isEmpty();
    }

    @Test
    void theExampleInTheReferenceLoads() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        int start = doc.indexOf("```yaml\n", doc.indexOf("### Example")) + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        GatewayConfig c = loader().parse(yaml, "configuration.md");
        assertThat(c.tls()).isInstanceOf(TlsConfig.SelfSigned.class);
        assertThat(c.routes().match("api.example.com", "/quotes/7").orElseThrow().capabilityFor("PUT", "/quotes/7"))
                .contains("write");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void aMinimalFileGetsEveryDefault() throws Exception {
        GatewayConfig c = loader().load(resource("minimal.yaml"));
        assertThat(c.listen()).isEqualTo(GatewayConfig.DEFAULT_LISTEN);
        assertThat(c.tls().enabled()).isFalse();
        assertThat(c.http2()).isTrue();
        assertThat(c.transport()).isEqualTo(TransportChoice.AUTO);
        assertThat(c.dataDir()).isEqualTo(HOME.resolve(".turnpike"));
        assertThat(c.trustedProxies()).isEmpty();
        assertThat(c.lightning()).isEqualTo(new LightningConfig(Network.REGTEST, false, new LightningConfig.Embedded(
                new LightningConfig.DevWalletApi(true, "/devwallet"))));
        assertThat(c.store()).isEqualTo(new StoreConfig.Sqlite(HOME.resolve(".turnpike").resolve("turnpike.db")));
        assertThat(c.admin()).isEqualTo(new AdminConfig(true, GatewayConfig.DEFAULT_ADMIN_LISTEN));
        assertThat(c.rateLimits().challengesPerIp().limit().perSecond()).isEqualTo(1.0);
        assertThat(c.clientConnections()).isEqualTo(ClientConnections.DEFAULT);
        assertThat(c.invoiceExpiry()).isEqualTo(Duration.ofMinutes(10));
        ServiceRoute api = c.routes().routes().get(0);
        assertThat(api.name()).isEqualTo("api");
        assertThat(api.host()).isNull();
        assertThat(api.path().pattern()).isEqualTo("/.*");
        assertThat(api.auth()).isEqualTo(new AuthPolicy.L402(Price.sats(10), Duration.ofHours(1), 0, List.of(), List.of()));
        assertThat(api.capabilityRules()).isEmpty();
        assertThat(api.whitelist()).isEmpty();
        assertThat(c.allowsTokensWithoutExpiry()).isFalse();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void turnpikeHomeIsTheDefaultDataDir(@TempDir Path tmp) throws Exception {
        GatewayConfig c = GatewayConfig.loader().environment(Map.of("TURNPIKE_HOME", tmp.toString())).userHome(HOME)
                .parse(Files.readString(resource("minimal.yaml")), "m.yaml");
        assertThat(c.dataDir()).isEqualTo(tmp.toAbsolutePath());
        assertThat(c.store()).isEqualTo(new StoreConfig.Sqlite(tmp.toAbsolutePath().resolve("turnpike.db")));
    }

    @Test
    void relativePathsResolveAgainstTheFilesFolder() throws Exception {
        Path file = resource("pem-and-postgres.yaml");
        Path dir = file.getParent();
        GatewayConfig c = loader().load(file);
        assertThat(c.listen()).isEqualTo(new ListenAddress("::", 443));
        assertThat(c.listen().toString()).isEqualTo("[::]:443");
        assertThat(c.tls()).isEqualTo(new TlsConfig.PemFiles(dir.resolve("tls/cert.pem"), dir.resolve("tls/key.pem")));
        assertThat(c.http2()).isFalse();
        assertThat(c.transport()).isEqualTo(TransportChoice.EPOLL);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("state"));
        assertThat(c.trustedProxies()).extracting(Cidr::toString)
                .containsExactly("10.0.0.0/8", "fd00::/8", "192.168.1.7/32");
        assertThat(c.isTrustedProxy(InetAddress.getByName("fd12::1"))).isTrue();
        StoreConfig.Postgres pg = (StoreConfig.Postgres) c.store();
        // a secret file is refused when other users may read it; git checks files out 0644
        Files.setPosixFilePermissions(dir.resolve("tls/db-password.txt"), PosixFilePermissions.fromString("rw-------"));
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://db.internal:5432/turnpike");
        assertThat(pg.user()).contains("turnpike");
        assertThat(pg.password().orElseThrow().read()).isEqualTo("s3cret");
        assertThat(c.admin().enabled()).isFalse();
        assertThat(c.routes().routes().get(0).upstream().trustedCertificate()).isEqualTo(dir.resolve("tls/cert.pem"));
    }

    @Test
    void hstsIsOnForAYearByDefaultAndCanBeTunedOrTurnedOff() throws Exception {
        String tls = "tls:\n  self_signed: true\n";
        assertThat(loader().parse(tls + ConfigErrorsTest.S, "t.yaml").tls().strictTransportSecurity())
                .contains("max-age=31536000");
        assertThat(loader().parse(tls + "  hsts: {max_age: 2d, include_subdomains: true}\n" + ConfigErrorsTest.S,
                "t.yaml").tls().strictTransportSecurity()).contains("max-age=172800; includeSubDomains");
        assertThat(loader().parse(tls + "  hsts: {enabled: false}\n" + ConfigErrorsTest.S, "t.yaml").tls()
                .strictTransportSecurity()).isEmpty();
        assertThat(loader().parse(ConfigErrorsTest.S, "t.yaml").tls().strictTransportSecurity()).isEmpty();
    }

    @Test
    void theAdminListenerServesTlsWithTheGatewaysCertificateBeyondLoopback() throws Exception {
        GatewayConfig c = loader().parse("tls: {self_signed: true}\nadmin:\n  listen: 10.0.0.5:8403\n  tls: true\n"
                + ConfigErrorsTest.S, "t.yaml");
        assertThat(c.admin()).isEqualTo(new AdminConfig(true, new ListenAddress("10.0.0.5", 8403), true));
        assertThat(c.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "t.yaml:3:11: admin.listen: the admin API listens beyond loopback: keep it behind a firewall");
    }

    @Test
    void selfSignedTlsLivesInTheDataDir() throws Exception {
        GatewayConfig c = loader().parse("data_dir: /srv/tp\ntls:\n  self_signed: true\n" + ConfigErrorsTest.S, "t.yaml");
        assertThat(c.tls()).isEqualTo(new TlsConfig.SelfSigned(Path.of("/srv/tp/tls/self-signed-cert.pem"),
                Path.of("/srv/tp/tls/self-signed-key.pem")));
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/tp"));
        assertThat(c.store()).isEqualTo(new StoreConfig.Sqlite(Path.of("/srv/tp/turnpike.db")));
    }

    @Test
    void clientConnectionsTakeTheirDeadlinesAndCap() throws Exception {
        GatewayConfig c = loader().parse("client_connections:\n  header_timeout: 5s\n  body_idle_timeout: 1m\n"
                + "  idle_timeout: 2m\n  max_per_network: 32\n" + ConfigErrorsTest.S, "t.yaml");
        assertThat(c.clientConnections()).isEqualTo(new ClientConnections(Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofMinutes(2), 32));
    }

    @Test
    void aServiceMayListTheMethodsItServes() throws Exception {
        GatewayConfig c = loader().parse(ConfigErrorsTest.S + "    methods: [GET, post]\n", "t.yaml");
        assertThat(c.routes().routes().get(0).methods()).containsExactlyInAnyOrder("GET", "POST");
        assertThat(loader().parse(ConfigErrorsTest.S, "t.yaml").routes().routes().get(0).methods()).isEmpty();
    }

    @Test
    void tildeIsTheHomeFolder() throws Exception {
        GatewayConfig c = loader().parse("data_dir: ~/tp\n" + ConfigErrorsTest.S, "t.yaml");
        assertThat(c.dataDir()).isEqualTo(HOME.resolve("tp"));
    }

    @Test
    void theAccessLogIsOnByDefaultAndTakesASampleAndAFile() throws Exception {
        String services = "services: [{name: a, upstream: 'http://a', auth: none}]\n";
        GatewayConfig.Loader loader = GatewayConfig.loader().environment(Map.of()).userHome(HOME)
                .workingDirectory(Path.of("/srv"));
        assertThat(loader.parse(services, "d.yaml").accessLog()).isEqualTo(AccessLogConfig.DEFAULT);
        GatewayConfig c = loader.parse("access_log: {sample: 0.25, file: logs/access.log}\n" + services, "a.yaml");
        assertThat(c.accessLog()).isEqualTo(new AccessLogConfig(true, 0.25, Optional.of(Path.of("/srv/logs/access.log"))));
        assertThat(loader.parse("access_log: {enabled: false}\n" + services, "o.yaml").accessLog().enabled()).isFalse();
        assertThat(loader.parse("access_log: {sample: 0}\n" + services, "z.yaml").warnings())
                .extracting(ConfigProblem::toString).containsExactly(
                        "z.yaml:1:22: access_log.sample: 0 logs no request: say enabled: false to turn the access log off");
    }

    @Test
    void warningsForWhatWorksButLooksWrong() throws Exception {
        GatewayConfig c = GatewayConfig.loader().environment(Map.of()).userHome(HOME).parse("""
                trusted_proxies: [0.0.0.0/0]
                admin:
                  listen: 0.0.0.0:9999
                  tls: true
                lightning:
                  network: mainnet
                store:
                  backend: postgres
                  url: jdbc:postgresql://localhost/tp
                  password: hunter2
                services:
                  - name: all
                    upstream: http://a
                    auth: none
                    whitelist: [/x]
                  - name: never-reached
                    upstream: http://b
                    price_sats: 1
                    allow_tokens_without_expiry: true
                tls: {self_signed: true}
                """, "w.yaml");
        assertThat(c.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "w.yaml:1:19: trusted_proxies[0]: trusts every address: any client can claim any IP in X-Forwarded-For",
                "w.yaml:3:11: admin.listen: the admin API listens beyond loopback: keep it behind a firewall",
                "w.yaml:6:12: lightning.network: the embedded node is for development: its invoices cannot be paid on mainnet",
                "w.yaml:10:3: store.password: a password written in the configuration file: prefer password_file or password_env",
                "w.yaml:15:5: services[0].whitelist: has no effect: with auth: none every path is open",
                "w.yaml:16:5: services[1]: never used: services[0] (all) before it takes every request",
                "w.yaml:19:5: services[1].allow_tokens_without_expiry: has no effect: token_lifetime is not never");
        assertThat(c.store().toString()).doesNotContain("hunter2");
    }

    @Test
    void flowStyleAndQuotedValuesWork() throws Exception {
        GatewayConfig c = loader().parse("""
                {listen: "0.0.0.0:8080", http2: false, services: [{name: x, upstream: "h2c://g:50051", price_sats: "5",
                 tier: 7, token_lifetime: PT90M, capabilities: [], constraints: {x_max: 10}}]}
                """, "f.yaml");
        assertThat(c.listen()).isEqualTo(new ListenAddress("0.0.0.0", 8080));
        assertThat(c.routes().routes().get(0).auth()).isEqualTo(new AuthPolicy.L402(Price.sats(5),
                Duration.ofMinutes(90), 7, List.of(), List.of(L402Caveat.constraint("x_max", "10"))));
    }

    @Test
    void eachLightningBackendHasItsSettings(@TempDir Path tmp) throws Exception {
        Path cert = java.nio.file.Files.writeString(tmp.resolve("tls.cert"), "pem");
        Path macaroon = java.nio.file.Files.write(tmp.resolve("invoice.macaroon"), new byte[] {2, 1});
        Path rune = tmp.resolve("rune");
        PrivateFiles.writeAtomically(rune, "rune-text\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        GatewayConfig.Loader loader = GatewayConfig.loader().environment(Map.of("LNBITS_KEY", "k")).userHome(HOME);

        GatewayConfig lnd = loader.parse("lightning:\n  backend: lnd\n  network: mainnet\n  strict_verify: true\n"
                + "  lnd:\n    host: node.internal:8080\n    tls_cert: " + cert + "\n    macaroon: " + macaroon + "\n"
                + ConfigErrorsTest.S, "l.yaml");
        assertThat(lnd.lightning()).isEqualTo(new LightningConfig(Network.BITCOIN, true,
                new LightningConfig.Lnd("node.internal", 8080, cert, macaroon)));
        assertThat(lnd.warnings()).isEmpty();

        GatewayConfig cln = loader.parse("lightning:\n  backend: cln\n  cln:\n    url: https://127.0.0.1:3010\n"
                + "    tls_cert: " + cert + "\n    rune_file: " + rune + "\n" + ConfigErrorsTest.S, "c.yaml");
        LightningConfig.Cln c = (LightningConfig.Cln) cln.lightning().backend();
        assertThat(c.url()).isEqualTo(java.net.URI.create("https://127.0.0.1:3010"));
        assertThat(c.tlsCert()).contains(cert);
        assertThat(c.rune().read()).isEqualTo("rune-text");
        Files.setPosixFilePermissions(rune, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> c.rune().read()).isInstanceOf(java.io.IOException.class)
                .hasMessage("a secret file " + rune + " is open to other users (rw-rw-r--): chmod 600 " + rune);
        assertThat(cln.lightning().strictVerify()).isFalse();

        GatewayConfig lnbits = loader.parse("lightning:\n  backend: lnbits\n  lnbits:\n"
                + "    url: https://lnbits.example/\n    invoice_key_env: LNBITS_KEY\n" + ConfigErrorsTest.S, "b.yaml");
        assertThat(lnbits.lightning().backend()).isEqualTo(new LightningConfig.Lnbits(
                java.net.URI.create("https://lnbits.example/"), new SecretSource.FromEnv("LNBITS_KEY")));
    }

    @Test
    void fileProblemsHaveNoLine(@TempDir Path tmp) throws Exception {
        assertThat(catchConfig(() -> loader().load(tmp.resolve("nope.yaml"))))
                .isEqualTo(tmp.resolve("nope.yaml") + ": no such file");
        Path bad = tmp.resolve("latin1.yaml");
        Files.write(bad, new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
        assertThat(catchConfig(() -> loader().load(bad))).isEqualTo(bad + ": not UTF-8 text (invalid byte sequence)");
        assertThat(catchConfig(() -> loader().parse("", "empty.yaml")))
                .isEqualTo("empty.yaml:1:1: services: at least one service is required");
        assertThat(catchConfig(() -> loader().parse("# only a comment\n", "c.yaml")))
                .isEqualTo("c.yaml:1:1: services: at least one service is required");
    }

    interface Load {
        GatewayConfig run() throws ConfigException;
    }

    static String catchConfig(Load load) {
        try {
            load.run();
            throw new AssertionError("no ConfigException");
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }
}
