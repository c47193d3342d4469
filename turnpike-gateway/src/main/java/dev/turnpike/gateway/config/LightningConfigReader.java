package dev.turnpike.gateway.config;

import dev.turnpike.lightning.bolt11.Network;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code lightning:} into a {@link LightningConfig}: the network, and the one backend's own section. */
final class LightningConfigReader {

    static final List<String> KEYS =
            List.of("backend", "network", "strict_verify", "dev_wallet_api", "lnd", "cln", "lnbits");
    static final List<String> LND_KEYS = List.of("host", "tls_cert", "macaroon");
    static final List<String> CLN_KEYS = List.of("url", "tls_cert", "rune_file", "rune_env", "rune");
    static final List<String> LNBITS_KEYS = List.of("url", "invoice_key_file", "invoice_key_env", "invoice_key");
    static final List<String> DEV_WALLET_KEYS = List.of("enabled", "prefix");
    /** The backends' own sections; {@code dev_wallet_api} belongs to the embedded node. */
    private static final List<String> BACKEND_SECTIONS = List.of("dev_wallet_api", "lnd", "cln", "lnbits");

    private LightningConfigReader() {}

    static LightningConfig read(Section top) {
        Section o = top.sub("lightning", KEYS);
        String backend = o.opt("backend", "embedded", "a backend name", LightningConfigReader::backendName);
        Network network = o.opt("network", Network.REGTEST, "a network", LightningConfigReader::network);
        Boolean strict = o.bool("strict_verify", false);
        if (backend == null) {
            return null;
        }
        refuseOtherBackendsSections(o, backend);
        LightningConfig.Backend b = switch (backend) {
            case "lnd" -> lnd(o.sub("lnd", LND_KEYS));
            case "cln" -> cln(o.sub("cln", CLN_KEYS));
            case "lnbits" -> lnbits(o.sub("lnbits", LNBITS_KEYS));
            default -> embedded(o, network);
        };
        return o.failed() ? null : new LightningConfig(network, strict, b);
    }

    private static void refuseOtherBackendsSections(Section o, String backend) {
        for (String section : BACKEND_SECTIONS) {
            String owner = section.equals("dev_wallet_api") ? "embedded" : section;
            if (o.has(section) && !owner.equals(backend)) {
                o.errorAtKey(section, "only applies to backend: " + owner + " (backend is " + backend + ")");
            }
        }
    }

    private static LightningConfig.Embedded embedded(Section o, Network network) {
        Section dw = o.sub("dev_wallet_api", DEV_WALLET_KEYS);
        Boolean enabled = dw.bool("enabled", true);
        String prefix = dw.opt("prefix", GatewayConfig.DEFAULT_DEV_WALLET_PREFIX, "a path prefix", Values::urlPrefix);
        if (network == Network.BITCOIN) {
            o.warnAtValue("network", "the embedded node is for development: its invoices cannot be paid on mainnet");
        }
        return dw.failed() ? null : new LightningConfig.Embedded(new LightningConfig.DevWalletApi(enabled, prefix));
    }

    private static LightningConfig.Lnd lnd(Section o) {
        ListenAddress host = o.req("host", "lnd's REST address host:port (restlisten, 8080 by default)",
                ListenAddress::parse);
        Path cert = o.req("tls_cert", "the node's tls.cert (e.g. ~/.lnd/tls.cert)", o::existingFile);
        Path macaroon = o.req("macaroon",
                "an invoice.macaroon (e.g. ~/.lnd/data/chain/bitcoin/mainnet/invoice.macaroon)", o::existingFile);
        if (host != null && host.port() == 0) {
            o.errorAtValue("host", "needs the port lnd's REST API listens on (8080 by default)");
        }
        return o.failed() ? null : new LightningConfig.Lnd(host.host(), host.port(), cert, macaroon);
    }

    private static LightningConfig.Cln cln(Section o) {
        URI url = o.req("url", "clnrest's URL https://host:port (clnrest-port, 3010 by default)",
                LightningConfigReader::nodeUrl);
        Path cert = o.opt("tls_cert", null, "a PEM certificate file", o::existingFile);
        Optional<SecretSource> rune = o.secret("rune", "a rune");
        if (url != null && url.getScheme().equals("http") && o.has("tls_cert")) {
            o.errorAtKey("tls_cert", "only applies to an https url");
        }
        if (rune != null && rune.isEmpty()) {
            o.errorMissing("rune_file", "is required: a file holding the rune (or rune_env)");
        }
        return o.failed() ? null : new LightningConfig.Cln(url, Optional.ofNullable(cert), rune.get());
    }

    private static LightningConfig.Lnbits lnbits(Section o) {
        URI url = o.req("url", "the LNbits URL, e.g. https://lnbits.example.com", LightningConfigReader::nodeUrl);
        Optional<SecretSource> key = o.secret("invoice_key", "an invoice key");
        if (key != null && key.isEmpty()) {
            o.errorMissing("invoice_key_file", "is required: a file holding the wallet's invoice key"
                    + " (or invoice_key_env)");
        }
        return o.failed() ? null : new LightningConfig.Lnbits(url, key.get());
    }

    static String backendName(String s) {
        return switch (s) {
            case "embedded", "lnd", "cln", "lnbits" -> s;
            case "clightning", "core-lightning", "corelightning" -> "cln";
            default -> throw new IllegalArgumentException("must be embedded, lnd, cln or lnbits, was " + Problems.quote(s));
        };
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

    /** An http(s) URL of a node's API without credentials, query or fragment; plain http only to loopback. */
    static URI nodeUrl(String s) {
        URI u = Values.uri(s);
        String scheme = Values.schemeOf(u);
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
}
