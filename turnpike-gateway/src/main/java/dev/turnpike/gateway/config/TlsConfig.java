package dev.turnpike.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

/** TLS on the main listener: off (the default), PEM files, or a self-signed certificate kept in the data folder. */
public sealed interface TlsConfig permits TlsConfig.Off, TlsConfig.PemFiles, TlsConfig.SelfSigned {

    /** Whether the listener speaks TLS. */
    default boolean enabled() {
        return !(this instanceof Off);
    }

    /** Plain HTTP (h2c when HTTP/2 is on). */
    record Off() implements TlsConfig {}

    /** A certificate chain and its private key, PEM (both files existed and were readable at load). */
    record PemFiles(Path certFile, Path keyFile) implements TlsConfig {
        public PemFiles {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }
    }

    /**
     * A self-signed certificate, generated on first start (by the server, not the loader) and kept at these paths
     * in the data folder ({@code tls/self-signed-cert.pem}, {@code tls/self-signed-key.pem}) so it survives restarts.
     */
    record SelfSigned(Path certFile, Path keyFile) implements TlsConfig {
        public SelfSigned {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }

        static SelfSigned in(Path dataDir) {
            Path dir = dataDir.resolve("tls");
            return new SelfSigned(dir.resolve("self-signed-cert.pem"), dir.resolve("self-signed-key.pem"));
        }
    }
}
