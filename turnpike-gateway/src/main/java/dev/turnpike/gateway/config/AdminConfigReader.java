package dev.turnpike.gateway.config;

import java.util.List;

/**
 * Reads {@code admin:} into an {@link AdminConfig}: its port must differ from the main listener's, and beyond
 * loopback it must speak TLS (plain HTTP there would send the bearer secret and the metrics in clear).
 */
final class AdminConfigReader {

    static final List<String> KEYS = List.of("enabled", "listen", "tls");

    private AdminConfigReader() {}

    /** {@code main} and {@code mainTls} are the main listener and its TLS, each null if it was wrong (then not compared). */
    static AdminConfig read(Section top, ListenAddress main, TlsConfig mainTls) {
        Section o = top.sub("admin", KEYS);
        Boolean enabled = o.bool("enabled", true);
        ListenAddress listen = o.opt("listen", GatewayConfig.DEFAULT_ADMIN_LISTEN, "host:port", ListenAddress::parse);
        Boolean tls = o.bool("tls", false);
        if (enabled == null || listen == null || tls == null) {
            return null;
        }
        if (enabled && main != null && sharesPort(listen, main)) {
            o.errorAtValue("listen", "must differ from listen (" + main + "): the admin API needs its own port");
        }
        if (tls && mainTls != null && !mainTls.enabled()) {
            o.errorAtValue("tls", "needs the top-level tls section: the admin listener is served with its certificate");
        }
        if (enabled && !listen.isLoopback()) {
            if (tls) {
                o.warnAtValue("listen", "the admin API listens beyond loopback: keep it behind a firewall");
            } else {
                o.errorAtValue("listen", "beyond loopback the admin API needs admin.tls: true (its bearer secret"
                        + " would cross the network in clear); or listen on 127.0.0.1");
            }
        }
        return new AdminConfig(enabled, listen, tls);
    }

    private static boolean sharesPort(ListenAddress admin, ListenAddress main) {
        return admin.port() != 0 && admin.port() == main.port()
                && (admin.host().equals(main.host()) || isWildcard(admin.host()) || isWildcard(main.host()));
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }
}
