package dev.turnpike.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** TLS on the main listener: off (the default), PEM files, or a self-signed certificate kept in the data folder. */
public sealed interface TlsConfig permits TlsConfig.Off, TlsConfig.PemFiles, TlsConfig.SelfSigned {

    /** Whether the listener speaks TLS. */
    default boolean enabled() {
        return !(this instanceof Off);
    }

    /** The {@code Strict-Transport-Security} value of every HTTPS answer; empty when TLS or HSTS is off. */
    default Optional<String> strictTransportSecurity() {
        return switch (this) {
            case Off off -> Optional.empty();
            case PemFiles pem -> pem.hsts().headerValue();
            case SelfSigned self -> self.hsts().headerValue();
        };
    }

    /** Plain HTTP (h2c when HTTP/2 is on). */
    record Off() implements TlsConfig {}

    /** A certificate chain and its private key, PEM (both files existed and were readable at load). */
    record PemFiles(Path certFile, Path keyFile, Hsts hsts) implements TlsConfig {
        public PemFiles {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(hsts, "hsts");
        }

        /** With the default HSTS. */
        public PemFiles(Path certFile, Path keyFile) {
            this(certFile, keyFile, Hsts.DEFAULT);
        }
    }

    /**
     * A self-signed certificate, generated on first start (by the server, not the loader) and kept at these paths
     * in the data folder ({@code tls/self-signed-cert.pem}, {@code tls/self-signed-key.pem}) so it survives restarts.
     */
    record SelfSigned(Path certFile, Path keyFile, Hsts hsts) implements TlsConfig {
        public SelfSigned {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(hsts, "hsts");
        }

        /** With the default HSTS. */
        public SelfSigned(Path certFile, Path keyFile) {
            this(certFile, keyFile, Hsts.DEFAULT);
        }

        static SelfSigned in(Path dataDir, Hsts hsts) {
            Path dir = dataDir.resolve("tls");
            return new SelfSigned(dir.resolve("self-signed-cert.pem"), dir.resolve("self-signed-key.pem"), hsts);
        }
    }

    /**
     * {@code tls.hsts}: the {@code Strict-Transport-Security} header (RFC 6797) sent on every HTTPS answer, telling
     * browsers to use only HTTPS for this host for {@code maxAge}. {@link #DEFAULT}: on, a year, this host only.
     */
    record Hsts(boolean enabled, Duration maxAge, boolean includeSubdomains) {
        public static final Hsts DEFAULT = new Hsts(true, Duration.ofDays(365), false);

        public Hsts {
            Objects.requireNonNull(maxAge, "maxAge");
        }

        /** The header's value, e.g. {@code max-age=31536000}; empty when off. */
        public Optional<String> headerValue() {
            if (!enabled) {
                return Optional.empty();
            }
            return Optional.of("max-age=" + maxAge.toSeconds() + (includeSubdomains ? "; includeSubDomains" : ""));
        }
    }
}
