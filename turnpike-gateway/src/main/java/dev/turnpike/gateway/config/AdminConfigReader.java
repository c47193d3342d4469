package dev.turnpike.gateway.config;

import java.util.List;

/** Reads {@code admin:} into an {@link AdminConfig}; its port must differ from the main listener's. */
final class AdminConfigReader {

    static final List<String> KEYS = List.of("enabled", "listen");

    private AdminConfigReader() {}

    /** {@code main} is the main listener, null if it was wrong (then not compared). */
    static AdminConfig read(Section top, ListenAddress main) {
        Section o = top.sub("admin", KEYS);
        Boolean enabled = o.bool("enabled", true);
        ListenAddress listen = o.opt("listen", GatewayConfig.DEFAULT_ADMIN_LISTEN, "host:port", ListenAddress::parse);
        if (enabled == null || listen == null) {
            return null;
        }
        if (enabled && main != null && sharesPort(listen, main)) {
            o.errorAtValue("listen", "must differ from listen (" + main + "): the admin API needs its own port");
        }
        if (enabled && !listen.isLoopback()) {
            o.warnAtValue("listen", "the admin API listens beyond loopback: keep it behind a firewall");
        }
        return new AdminConfig(enabled, listen);
    }

    private static boolean sharesPort(ListenAddress admin, ListenAddress main) {
        return admin.port() != 0 && admin.port() == main.port()
                && (admin.host().equals(main.host()) || isWildcard(admin.host()) || isWildcard(main.host()));
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }
}
