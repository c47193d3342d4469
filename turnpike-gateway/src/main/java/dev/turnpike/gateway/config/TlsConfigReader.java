package dev.turnpike.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads {@code tls:} into a {@link TlsConfig}: off when absent, PEM files, or self-signed in the data folder. */
final class TlsConfigReader {

    static final List<String> KEYS = List.of("cert_file", "key_file", "self_signed", "hsts");
    static final List<String> HSTS_KEYS = List.of("enabled", "max_age", "include_subdomains");
    static final Duration MAX_HSTS_AGE = Duration.ofDays(3650);

    private TlsConfigReader() {}

    static TlsConfig read(Section top, Path dataDir) {
        if (!top.has("tls")) {
            return new TlsConfig.Off();
        }
        Section o = top.sub("tls", KEYS);
        Boolean selfSigned = o.bool("self_signed", false);
        Path cert = o.opt("cert_file", null, "a PEM certificate file", o::existingFile);
        Path key = o.opt("key_file", null, "a PEM private key file", o::existingFile);
        TlsConfig.Hsts hsts = hsts(o.sub("hsts", HSTS_KEYS));
        boolean files = o.has("cert_file") || o.has("key_file");
        if (Boolean.TRUE.equals(selfSigned)) {
            if (files) {
                o.errorAtKey("self_signed", "give either self_signed: true or cert_file and key_file, not both");
            }
            return hsts == null ? null : TlsConfig.SelfSigned.in(dataDir, hsts);
        }
        if (!files) {
            if (o.has("self_signed")) {
                return new TlsConfig.Off();
            }
            o.error(o.pos, "tls", "give cert_file and key_file, or self_signed: true (leave tls out for plain HTTP)");
            return null;
        }
        if (!o.has("cert_file")) {
            o.errorMissing("cert_file", "is required with key_file");
        }
        if (!o.has("key_file")) {
            o.errorMissing("key_file", "is required with cert_file");
        }
        return cert != null && key != null && hsts != null ? new TlsConfig.PemFiles(cert, key, hsts) : null;
    }

    /** {@code tls.hsts}: on by default, a year, this host only. */
    private static TlsConfig.Hsts hsts(Section h) {
        TlsConfig.Hsts d = TlsConfig.Hsts.DEFAULT;
        Boolean enabled = h.bool("enabled", d.enabled());
        Duration maxAge = h.opt("max_age", d.maxAge(), "a duration (e.g. 365d)", Values.duration(Duration.ZERO,
                MAX_HSTS_AGE));
        Boolean subdomains = h.bool("include_subdomains", d.includeSubdomains());
        return enabled == null || maxAge == null || subdomains == null ? null
                : new TlsConfig.Hsts(enabled, maxAge, subdomains);
    }
}
