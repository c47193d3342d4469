package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of error, each with its exact file:line:column, key path and message. */
class ConfigErrorsTest {

    /** A valid services block, lines 1-4 when it comes first. */
    static final String S = """
            services:
              - name: a
                upstream: http://127.0.0.1:9000
                price_sats: 1
            """;

    static List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> GatewayConfig.loader()
                .environment(Map.of("DB_PW", "x"))
                .userHome(Path.of("/home/test"))
                .workingDirectory(Path.of("/nonexistent-dir"))
                .parse(yaml, "t.yaml"));
        assertThat(e).as("expected a ConfigException for:\n" + yaml).isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // ---- top level
                Arguments.of("unknown key with suggestion", "listn: 1.2.3.4:80\n" + S,
                        "t.yaml:1:1: listn: unknown key (did you mean listen?)"),
                Arguments.of("unknown key, camelCase", "dataDir: /x\n" + S,
                        "t.yaml:1:1: dataDir: unknown key (did you mean data_dir?)"),
                Arguments.of("unknown key without suggestion", "color: blue\n" + S,
                        "t.yaml:1:1: color: unknown key (expected one of: listen, tls, http2, transport, data_dir, trusted_proxies,"
                                + " lightning, store, admin, access_log, rate_limits, client_connections, invoice_expiry, bifrost,"
                                + " services)"),
                Arguments.of("access_log sample above 1", "access_log: {sample: 1.5}\n" + S,
                        "t.yaml:1:22: access_log.sample: must be from 0 to 1, was \"1.5\""),
                Arguments.of("access_log sample not a number", "access_log: {sample: half}\n" + S,
                        "t.yaml:1:22: access_log.sample: must be a number from 0 to 1, was \"half\""),
                Arguments.of("access_log unknown key", "access_log: {path: /x}\n" + S,
                        "t.yaml:1:14: access_log.path: unknown key (expected one of: enabled, sample, file)"),
                Arguments.of("top level not a mapping", "- a\n- b\n",
                        "t.yaml:1:1: must be a mapping of settings (key: value), was a list"),
                Arguments.of("listen without port", "listen: localhost\n" + S,
                        "t.yaml:1:9: listen: must be host:port (e.g. 127.0.0.1:8402), was 'localhost'"),
                Arguments.of("listen port out of range", "listen: 127.0.0.1:70000\n" + S,
                        "t.yaml:1:9: listen: port must be a number from 0 to 65535, was '70000'"),
                Arguments.of("listen IPv6 without brackets", "listen: '::1:80'\n" + S,
                        "t.yaml:1:9: listen: put an IPv6 address in brackets: [::1]:80"),
                Arguments.of("boolean", "http2: yes\n" + S,
                        "t.yaml:1:8: http2: must be true or false, was \"yes\""),
                Arguments.of("boolean given a list", "http2: [true]\n" + S,
                        "t.yaml:1:8: http2: must be true or false, was a list"),
                Arguments.of("transport", "transport: kqueue\n" + S,
                        "t.yaml:1:12: transport: must be one of auto, io_uring, epoll, nio, was \"kqueue\""),
                Arguments.of("duration unit", "invoice_expiry: 10 minutes\n" + S,
                        "t.yaml:1:17: invoice_expiry: must be a duration such as 90s, 30m, 12h, 7d or PT1H, was \"10 minutes\""),
                Arguments.of("duration too short", "invoice_expiry: 5s\n" + S,
                        "t.yaml:1:17: invoice_expiry: must be from 10s to 7d, was \"5s\""),
                Arguments.of("empty value", "invoice_expiry:\n" + S,
                        "t.yaml:1:16: invoice_expiry: must be a duration (e.g. 10m), was empty"),
                // ---- trusted_proxies
                Arguments.of("CIDR with host bits", "trusted_proxies:\n  - 10.1.2.3/8\n" + S,
                        "t.yaml:2:5: trusted_proxies[0]: '10.1.2.3/8' has bits set after the prefix; did you mean 10.0.0.0/8?"),
                Arguments.of("CIDR not an address", "trusted_proxies: [10.0.0.0/8, proxy.local]\n" + S,
                        "t.yaml:1:31: trusted_proxies[1]: not an IPv4 or IPv6 address: 'proxy.local'"),
                Arguments.of("CIDR prefix too long", "trusted_proxies: ['fd00::/129']\n" + S,
                        "t.yaml:1:19: trusted_proxies[0]: prefix length /129 is longer than 128 bits"),
                Arguments.of("trusted_proxies not a list", "trusted_proxies: 10.0.0.0/8\n" + S,
                        "t.yaml:1:18: trusted_proxies: must be a list of addresses or CIDR ranges (e.g. [10.0.0.0/8, ::1]), was a single value"),
                // ---- tls
                Arguments.of("tls both ways", "tls:\n  self_signed: true\n  cert_file: c.pem\n" + S,
                        "t.yaml:2:3: tls.self_signed: give either self_signed: true or cert_file and key_file, not both"),
                Arguments.of("tls cert without key", "tls:\n  cert_file: /etc/hostname\n" + S,
                        "t.yaml:2:3: tls.key_file: is required with cert_file"),
                Arguments.of("tls missing file", "tls:\n  cert_file: /nonexistent/c.pem\n  key_file: /etc/hostname\n" + S,
                        "t.yaml:2:14: tls.cert_file: no such file: /nonexistent/c.pem"),
                Arguments.of("hsts max age too long", "tls:\n  self_signed: true\n  hsts: {max_age: 3651d}\n" + S,
                        "t.yaml:3:19: tls.hsts.max_age: must be from 0s to 3650d, was \"3651d\""),
                Arguments.of("hsts unknown key", "tls:\n  self_signed: true\n  hsts: {preload: true}\n" + S,
                        "t.yaml:3:10: tls.hsts.preload: unknown key (expected one of: enabled, max_age,"
                                + " include_subdomains)"),
                Arguments.of("tls empty", "tls: {}\n" + S,
                        "t.yaml:1:6: tls: give cert_file and key_file, or self_signed: true (leave tls out for plain HTTP)"),
                // ---- lightning
                Arguments.of("lnd without a host", "lightning:\n  backend: lnd\n" + S,
                        "t.yaml:2:3: lightning.lnd.host: is required: lnd's REST address host:port (restlisten, 8080 by default)"),
                Arguments.of("lnd without a certificate", "lightning:\n  backend: lnd\n" + S,
                        "t.yaml:2:3: lightning.lnd.tls_cert: is required: the node's tls.cert (e.g. ~/.lnd/tls.cert)"),
                Arguments.of("lnd without a macaroon", "lightning:\n  backend: lnd\n" + S,
                        "t.yaml:2:3: lightning.lnd.macaroon: is required: an invoice.macaroon"
                                + " (e.g. ~/.lnd/data/chain/bitcoin/mainnet/invoice.macaroon)"),
                Arguments.of("lnd macaroon missing", "lightning:\n  backend: lnd\n  lnd:\n    host: localhost:8080\n"
                                + "    tls_cert: /etc/hostname\n    macaroon: /nonexistent/invoice.macaroon\n" + S,
                        "t.yaml:6:15: lightning.lnd.macaroon: no such file: /nonexistent/invoice.macaroon"),
                Arguments.of("another backend's section", "lightning:\n  backend: lnbits\n  lnd:\n    host: h:1\n"
                                + "  lnbits:\n    url: https://lnbits.example\n    invoice_key_file: /etc/hostname\n" + S,
                        "t.yaml:3:3: lightning.lnd: only applies to backend: lnd (backend is lnbits)"),
                Arguments.of("dev wallet with a real node", "lightning:\n  backend: cln\n  dev_wallet_api:\n    enabled: true\n"
                                + "  cln:\n    url: https://127.0.0.1:3010\n    rune_file: /etc/hostname\n" + S,
                        "t.yaml:3:3: lightning.dev_wallet_api: only applies to backend: embedded (backend is cln)"),
                Arguments.of("two rune sources", "lightning:\n  backend: cln\n  cln:\n    url: https://127.0.0.1:3010\n"
                                + "    rune_file: /etc/hostname\n    rune: abc\n" + S,
                        "t.yaml:6:5: lightning.cln.rune: give only one of rune_file, rune_env and rune (rune_file is set)"),
                Arguments.of("no rune", "lightning:\n  backend: cln\n  cln:\n    url: https://127.0.0.1:3010\n" + S,
                        "t.yaml:4:5: lightning.cln.rune_file: is required: a file holding the rune (or rune_env)"),
                Arguments.of("lnbits over plain http", "lightning:\n  backend: lnbits\n  lnbits:\n"
                                + "    url: http://lnbits.example\n    invoice_key_env: HOME\n" + S,
                        "t.yaml:4:10: lightning.lnbits.url: plain http is only allowed to loopback (the key would travel in"
                                + " the clear): use https, was \"http://lnbits.example\""),
                Arguments.of("lightning backend unknown", "lightning:\n  backend: eclair\n" + S,
                        "t.yaml:2:12: lightning.backend: must be embedded, lnd, cln or lnbits, was \"eclair\""),
                Arguments.of("strict_verify not a boolean", "lightning:\n  strict_verify: yes please\n" + S,
                        "t.yaml:2:18: lightning.strict_verify: must be true or false, was \"yes please\""),
                Arguments.of("network", "lightning:\n  network: main\n" + S,
                        "t.yaml:2:12: lightning.network: must be regtest, testnet, signet, mainnet or simnet, was \"main\""),
                Arguments.of("dev wallet prefix", "lightning:\n  dev_wallet_api:\n    prefix: devwallet/\n" + S,
                        "t.yaml:3:13: lightning.dev_wallet_api.prefix: must be a path prefix like /devwallet (starts with '/',"
                                + " no trailing '/', letters, digits and . _ ~ -), was \"devwallet/\""),
                Arguments.of("unknown nested key", "lightning:\n  dev_wallet_api:\n    enabeld: false\n" + S,
                        "t.yaml:3:5: lightning.dev_wallet_api.enabeld: unknown key (did you mean enabled?)"),
                // ---- store
                Arguments.of("store backend", "store:\n  backend: mysql\n" + S,
                        "t.yaml:2:12: store.backend: must be sqlite or postgres, was \"mysql\""),
                Arguments.of("sqlite with a postgres key", "store:\n  url: jdbc:postgresql://h/db\n" + S,
                        "t.yaml:2:3: store.url: only applies to backend: postgres"),
                Arguments.of("postgres without url", "store:\n  backend: postgres\n" + S,
                        "t.yaml:2:3: store.url: is required: a URL jdbc:postgresql://host[:port]/database or"
                                + " postgresql://[user@]host[:port]/database"),
                Arguments.of("postgres url with credentials",
                        "store:\n  backend: postgres\n  url: jdbc:postgresql://u:p@h/db\n" + S,
                        "t.yaml:3:8: store.url: must not carry credentials: use user and password_file or password_env"),
                Arguments.of("postgres url with a password in the libpq form",
                        "store:\n  backend: postgres\n  url: postgresql://u:p@h:5432/db\n" + S,
                        "t.yaml:3:8: store.url: must not carry credentials: use user and password_file or password_env"),
                Arguments.of("postgres url of another database",
                        "store:\n  backend: postgres\n  url: jdbc:mysql://h/db\n" + S,
                        "t.yaml:3:8: store.url: must be jdbc:postgresql://host[:port]/database or"
                                + " postgresql://[user@]host[:port]/database, was \"jdbc:mysql://h/db\""),
                Arguments.of("postgres url without a database",
                        "store:\n  backend: postgres\n  url: postgresql://h:5432\n" + S,
                        "t.yaml:3:8: store.url: must be jdbc:postgresql://host[:port]/database or"
                                + " postgresql://[user@]host[:port]/database, was \"postgresql://h:5432\""),
                Arguments.of("postgres user twice",
                        "store:\n  backend: postgres\n  url: postgresql://gw@h/db\n  user: other\n" + S,
                        "t.yaml:4:3: store.user: the url names the user already (\"gw\"): give it in one place"),
                Arguments.of("postgres pool size", "store:\n  backend: postgres\n  url: jdbc:postgresql://h/db\n"
                                + "  pool_size: 0\n" + S,
                        "t.yaml:4:14: store.pool_size: must be a whole number from 1 to 1000, was \"0\""),
                Arguments.of("sqlite with a pool size", "store:\n  pool_size: 4\n" + S,
                        "t.yaml:2:3: store.pool_size: only applies to backend: postgres"),
                Arguments.of("two password sources",
                        "store:\n  backend: postgres\n  url: jdbc:postgresql://h/db\n  password_env: DB_PW\n  password: x\n" + S,
                        "t.yaml:5:3: store.password: give only one of password_file, password_env and password (password_env is set)"),
                Arguments.of("password env unset",
                        "store:\n  backend: postgres\n  url: jdbc:postgresql://h/db\n  password_env: NOPE\n" + S,
                        "t.yaml:4:17: store.password_env: environment variable NOPE is not set"),
                // ---- admin, rate limits
                Arguments.of("admin on the proxy port", "listen: 127.0.0.1:8000\nadmin:\n  listen: 127.0.0.1:8000\n" + S,
                        "t.yaml:3:11: admin.listen: must differ from listen (127.0.0.1:8000): the admin API needs its own port"),
                Arguments.of("admin beyond loopback in plain HTTP", "admin:\n  listen: 0.0.0.0:8403\n" + S,
                        "t.yaml:2:11: admin.listen: beyond loopback the admin API needs admin.tls: true (its bearer"
                                + " secret would cross the network in clear); or listen on 127.0.0.1"),
                Arguments.of("admin tls without tls", "admin:\n  tls: true\n" + S,
                        "t.yaml:2:8: admin.tls: needs the top-level tls section: the admin listener is served with its"
                                + " certificate"),
                Arguments.of("rate zero", "rate_limits:\n  challenges_per_ip:\n    per_minute: 0\n" + S,
                        "t.yaml:3:17: rate_limits.challenges_per_ip.per_minute: must be a whole number from 1 to 1000000, was \"0\""),
                Arguments.of("prefix out of range", "rate_limits:\n  challenges_per_ip: {ipv4_prefix: 33}\n" + S,
                        "t.yaml:2:36: rate_limits.challenges_per_ip.ipv4_prefix: must be a whole number from 1 to 32, was \"33\""),
                Arguments.of("section not a mapping", "rate_limits: 10\n" + S,
                        "t.yaml:1:14: rate_limits: must be a mapping of settings (key: value), was a single value"),
                // ---- services
                Arguments.of("no services", "listen: 127.0.0.1:1\n",
                        "t.yaml:1:1: services: at least one service is required"),
                Arguments.of("empty services", "services: []\n",
                        "t.yaml:1:11: services: at least one service is required"),
                Arguments.of("services not a list", "services:\n  name: a\n",
                        "t.yaml:2:3: services: must be a list of services (each starting with '- name: …'), was a mapping (key: value)"),
                Arguments.of("price not a number", S.replace("price_sats: 1", "price_sats: ten"),
                        "t.yaml:4:17: services[0].price_sats: must be a whole number >= 1, was \"ten\""),
                Arguments.of("price zero", S.replace("price_sats: 1", "price_sats: 0"),
                        "t.yaml:4:17: services[0].price_sats: must be a whole number >= 1, was \"0\""),
                Arguments.of("price missing", S.replace("    price_sats: 1\n", ""),
                        "t.yaml:2:5: services[0].price_sats: is required: a whole number of satoshis >= 1"),
                Arguments.of("upstream missing", S.replace("    upstream: http://127.0.0.1:9000\n", ""),
                        "t.yaml:2:5: services[0].upstream: is required: an upstream URL (http://, https:// or h2c://host[:port][/base])"),
                Arguments.of("upstream scheme", S.replace("http://127.0.0.1:9000", "ftp://127.0.0.1"),
                        "t.yaml:3:15: services[0].upstream: scheme must be http, https or h2c, was \"ftp://127.0.0.1\""),
                Arguments.of("upstream not a URL", S.replace("http://127.0.0.1:9000", "127.0.0.1:9000"),
                        "t.yaml:3:15: services[0].upstream: must be an http://, https:// or h2c:// URL, was \"127.0.0.1:9000\""),
                Arguments.of("upstream with query", S.replace("http://127.0.0.1:9000", "http://h/?a=1"),
                        "t.yaml:3:15: services[0].upstream: must not have user info, query or fragment: http://h/?a=1"),
                Arguments.of("upstream_ca_file for http", S + "    upstream_ca_file: /etc/hostname\n",
                        "t.yaml:5:23: services[0].upstream_ca_file: only applies to https upstreams (this one is http)"),
                Arguments.of("unknown service key", S + "    pric_sats: 2\n",
                        "t.yaml:5:5: services[0].pric_sats: unknown key (did you mean price_sats?)"),
                Arguments.of("header timeout too long", "client_connections:\n  header_timeout: 1h\n" + S,
                        "t.yaml:2:19: client_connections.header_timeout: must be from 1s to 10m, was \"1h\""),
                Arguments.of("no connections per network", "client_connections:\n  max_per_network: 0\n" + S,
                        "t.yaml:2:20: client_connections.max_per_network: must be a whole number from 1 to 1000000, was \"0\""),
                Arguments.of("empty capability rule", S + "    capabilities: [read]\n    capability_rules:\n      -\n",
                        "t.yaml:7:8: services[0].capability_rules[0]: must be a rule such as {methods: [GET], path: /x/.*,"
                                + " capability: read}, was empty"),
                Arguments.of("bad method", S + "    methods: [GET, 'G T']\n",
                        "t.yaml:5:20: services[0].methods[1]: must be an HTTP method such as GET or POST, was \"G T\""),
                Arguments.of("bad service name", S.replace("name: a", "name: 'my api'"),
                        "t.yaml:2:11: services[0].name: must be 1 to 64 letters, digits, '.', '_' or '-', starting with a"
                                + " letter or digit, was \"my api\""),
                Arguments.of("duplicate service names", S + S.substring(S.indexOf("  - ")),
                        "t.yaml:5:11: services[1].name: duplicate service name \"a\" (first at line 2)"),
                Arguments.of("bad path regex", S + "    match:\n      path: /v1/(users\n",
                        "t.yaml:6:23: services[0].match.path: invalid regular expression: Unclosed group at index 10 in \"/v1/(users\""),
                Arguments.of("bad quoted host regex", S + "    match:\n      host: 'api.*[a-'\n",
                        "t.yaml:6:22: services[0].match.host: invalid regular expression: Illegal character range at index 8 in \"api.*[a-\""),
                Arguments.of("bad whitelist regex", S + "    whitelist: ['*.css']\n",
                        "t.yaml:5:18: services[0].whitelist[0]: invalid regular expression: Dangling meta character '*' at index 0 in \"*.css\""),
                Arguments.of("auth unknown", S + "    auth: paid\n",
                        "t.yaml:5:11: services[0].auth: must be l402, none, freebie, bifrost or either, was \"paid\""),
                Arguments.of("auth freebie N", S + "    auth: freebie 5\n",
                        "t.yaml:5:11: services[0].auth: write auth: freebie and, on its own line, free_requests: 5"),
                Arguments.of("freebie without count", S + "    auth: freebie\n",
                        "t.yaml:2:5: services[0].free_requests: is required: a whole number >= 1"),
                Arguments.of("free_requests with l402", S + "    free_requests: 3\n",
                        "t.yaml:5:5: services[0].free_requests: only applies to auth: freebie"),
                Arguments.of("price with auth none", S + "    auth: none\n",
                        "t.yaml:4:5: services[0].price_sats: only applies to auth: l402 or freebie (this service has auth: none)"),
                Arguments.of("tier out of range", S + "    tier: 256\n",
                        "t.yaml:5:11: services[0].tier: must be a whole number from 0 to 255, was \"256\""),
                Arguments.of("never without the flag", S + "    token_lifetime: never\n",
                        "t.yaml:5:21: services[0].token_lifetime: never needs allow_tokens_without_expiry: true on this"
                                + " service (a token that never expires can only be stopped by revoking it)"),
                Arguments.of("never with the flag false", S + "    token_lifetime: never\n    allow_tokens_without_expiry: false\n",
                        "t.yaml:5:21: services[0].token_lifetime: never needs allow_tokens_without_expiry: true on this"
                                + " service (a token that never expires can only be stopped by revoking it)"),
                Arguments.of("lifetime too long", S + "    token_lifetime: 3651d\n",
                        "t.yaml:5:21: services[0].token_lifetime: must be from 1s to 3650d, was \"3651d\""),
                Arguments.of("lifetime fraction", S + "    token_lifetime: PT1.5S\n",
                        "t.yaml:5:21: services[0].token_lifetime: must be whole seconds, was PT1.5S"),
                Arguments.of("capabilities not a list", S + "    capabilities: read\n",
                        "t.yaml:5:19: services[0].capabilities: must be a list of capability names (e.g. [read, write]), was a single value"),
                Arguments.of("capability twice", S + "    capabilities: [read, read]\n",
                        "t.yaml:5:26: services[0].capabilities[1]: capability \"read\" is listed twice"),
                Arguments.of("capability name", S + "    capabilities: ['a,b']\n",
                        "t.yaml:5:20: services[0].capabilities[0]: must be 1 to 128 printable ASCII characters without"
                                + " space, ',', ':' or '=', was \"a,b\""),
                Arguments.of("capability rule names an ungranted capability",
                        S + "    capabilities: [read]\n    capability_rules:\n      - methods: [POST]\n        capability: write\n",
                        "t.yaml:8:21: services[0].capability_rules[0].capability: \"write\" is not among this service's capabilities (read)"),
                Arguments.of("capability rule without capabilities",
                        S + "    capability_rules:\n      - {path: /x, capability: read}\n",
                        "t.yaml:6:32: services[0].capability_rules[0].capability: \"read\" is not among this service's"
                                + " capabilities (none are listed: add capabilities: [read])"),
                Arguments.of("capability rule method",
                        S + "    capabilities: [read]\n    capability_rules:\n      - {methods: [G3T], capability: read}\n",
                        "t.yaml:7:20: services[0].capability_rules[0].methods[0]: must be an HTTP method such as GET or POST, was \"G3T\""),
                Arguments.of("capability rule unknown key",
                        S + "    capabilities: [read]\n    capability_rules:\n      - {method: [GET], capability: read}\n",
                        "t.yaml:7:10: services[0].capability_rules[0].method: unknown key (did you mean methods?)"),
                Arguments.of("reserved constraint", S + "    constraints:\n      a_valid_until: 5\n",
                        "t.yaml:6:7: services[0].constraints.a_valid_until: is a built-in caveat condition (services,"
                                + " preimage, *_capabilities, *_valid_until) and cannot be a constraint"),
                Arguments.of("constraint value a list", S + "    constraints:\n      region: [eu]\n",
                        "t.yaml:6:15: services[0].constraints.region: must be a value, was a list"),
                Arguments.of("constraint name", S + "    constraints:\n      'a=b': x\n",
                        "t.yaml:6:7: services[0].constraints.a=b: not a valid caveat condition: 1 to 128 printable ASCII"
                                + " characters without space, ',', ':' or '='"),
                // ---- YAML itself
                Arguments.of("duplicate key", "listen: 127.0.0.1:1\nlisten: 127.0.0.1:2\n" + S,
                        "t.yaml:2:1: listen: duplicate key \"listen\" (first at line 1)"),
                Arguments.of("syntax error", "services:\n  - name: a\n   upstream: x\n",
                        "t.yaml:3:4: YAML syntax: expected <block end>, but found '<block mapping start>' (while parsing a block collection at line 2)"),
                Arguments.of("unclosed flow", "services: [\n",
                        "t.yaml:2:1: YAML syntax: expected the node content, but found '<stream end>' (while parsing a flow node at line 2)"),
                Arguments.of("tab indentation", "services:\n\t- name: a\n",
                        "t.yaml:2:1: YAML syntax: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)"),
                Arguments.of("explicit tag", S.replace("price_sats: 1", "price_sats: !!int 1"),
                        "t.yaml:4:17: services[0].price_sats: YAML tags (tag:yaml.org,2002:int) are not supported: write a plain value"),
                Arguments.of("custom tag", "listen: !java.net.URL x\n" + S,
                        "t.yaml:1:9: listen: YAML tags (!java.net.URL) are not supported: write a plain value"),
                Arguments.of("anchor", S.replace("price_sats: 1", "price_sats: &p 1"),
                        "t.yaml:4:17: services[0].price_sats: anchors (&p) are not supported: write the value out"),
                Arguments.of("two documents", S + "---\n" + S,
                        "t.yaml:5:1: only one YAML document is allowed (remove the second '---')"),
                Arguments.of("complex key", "? [a, b]\n: c\n" + S,
                        "t.yaml:1:3: a key must be a plain name, was a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheProblemWithLineColumnAndPath(String name, String yaml, String expected) {
        assertThat(problems(yaml)).contains(expected);
    }

    @Test
    void reportsEveryProblemAtOnceInFileOrder() {
        String yaml = """
                listen: nowhere
                http2: maybe
                trusted_proxies: [300.1.1.1]
                services:
                  - name: a
                    upstream: gopher://x
                    price_sats: -5
                    tokn_lifetime: 1h
                  - name: a
                    upstream: http://x
                    auth: none
                    tier: 3
                """;
        assertThat(problems(yaml)).containsExactly(
                "t.yaml:1:9: listen: must be host:port (e.g. 127.0.0.1:8402), was 'nowhere'",
                "t.yaml:2:8: http2: must be true or false, was \"maybe\"",
                "t.yaml:3:19: trusted_proxies[0]: not an IPv4 or IPv6 address: '300.1.1.1'",
                "t.yaml:6:15: services[0].upstream: scheme must be http, https or h2c, was \"gopher://x\"",
                "t.yaml:7:17: services[0].price_sats: must be a whole number >= 1, was \"-5\"",
                "t.yaml:8:5: services[0].tokn_lifetime: unknown key (did you mean token_lifetime?)",
                "t.yaml:9:11: services[1].name: duplicate service name \"a\" (first at line 5)",
                "t.yaml:12:5: services[1].tier: only applies to auth: l402 or freebie (this service has auth: none)");
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> GatewayConfig.parse("http2: 1\ninvoice_expiry: x\n" + S, "turnpike.yaml"));
        assertThat(e.getMessage()).isEqualTo("""
                2 problems in turnpike.yaml:
                turnpike.yaml:1:8: http2: must be true or false, was "1"
                turnpike.yaml:2:17: invoice_expiry: must be a duration such as 90s, 30m, 12h, 7d or PT1H, was "x\"""");
    }
}
