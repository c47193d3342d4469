package dev.turnpike.cli;

import dev.turnpike.gateway.config.AdminConfig;
import dev.turnpike.gateway.config.ConfigException;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.gateway.config.TlsConfig;
import dev.turnpike.nodes.http.PemTrust;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * Where the admin commands find the gateway's admin API and its secret: the configuration {@code serve} runs
 * (its {@code admin.listen} and {@code data_dir}/admin.secret), each overridable; without a configuration file,
 * serve's defaults.
 */
final class AdminOptions {

    /** serve's default admin listener. */
    static final String DEFAULT_URL = "http://127.0.0.1:8403";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The gateway's configuration, for its admin listener and data folder (default: turnpike.yaml"
                    + " if it exists, else serve's defaults: " + DEFAULT_URL + " and ~/.turnpike/admin.secret).")
    Path config;

    @Option(names = "--admin-url", paramLabel = "URL", description = "The admin API's base URL, instead of the"
            + " configuration's admin.listen.")
    URI adminUrl;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "The file holding the admin secret, instead"
            + " of admin.secret in the configuration's data folder. The secret is never printed.")
    Path secretFile;

    @Option(names = "--json", description = "Print the API's JSON answer, for scripts, instead of a table.")
    boolean json;

    /** A client of the admin API these options name. */
    AdminClient client() throws IOException, ConfigException {
        GatewayConfig loaded = configuration();
        AdminConfig admin = loaded == null ? null : loaded.admin();
        URI url = adminUrl != null ? adminUrl : admin == null ? URI.create(DEFAULT_URL) : url(admin);
        Path dataDir = loaded != null ? loaded.dataDir() : DataDirOption.turnpikeHome();
        Path secret = secretFile != null ? secretFile : dataDir.resolve("admin.secret");
        return new AdminClient(url, secret, url.getScheme().equals("https") ? trust(loaded) : null);
    }

    /** The named configuration, else turnpike.yaml when there is one, else none (serve's defaults). */
    private GatewayConfig configuration() throws ConfigException {
        Path file = config != null ? config : Path.of("turnpike.yaml");
        if (config == null && Files.notExists(file)) {
            return null;
        }
        return GatewayConfig.load(file);
    }

    /** The admin listener's address as a client reaches it: a wildcard bind is reached over loopback. */
    private static URI url(AdminConfig admin) {
        if (!admin.enabled()) {
            throw new IllegalArgumentException("the configuration turns the admin API off (admin.enabled: false)");
        }
        String host = admin.listen().host();
        host = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create((admin.tls() ? "https" : "http") + "://" + GatewayRuntime.hostPort(host, admin.listen().port()));
    }

    /** An HTTPS admin listener serves the main listener's certificate: the one trusted. */
    private static SSLContext trust(GatewayConfig loaded) throws IOException {
        Path cert = switch (loaded == null ? new TlsConfig.Off() : loaded.tls()) {
            case TlsConfig.PemFiles pem -> pem.certFile();
            case TlsConfig.SelfSigned self -> self.certFile();
            case TlsConfig.Off off -> null;
        };
        return cert == null ? null : PemTrust.sslContext(cert);
    }
}
