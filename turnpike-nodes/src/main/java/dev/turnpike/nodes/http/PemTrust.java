package dev.turnpike.nodes.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts exactly the certificates of one PEM file (lnd's {@code tls.cert}, clnrest's {@code ca.pem}) and no
 * certificate authority of the system. Host names are still checked against the certificate.
 */
public final class PemTrust {

    private static final int MAX_PEM_BYTES = 64 * 1024;

    private PemTrust() {}

    /**
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no PEM certificate
     */
    public static SSLContext sslContext(Path pemFile) throws IOException {
        byte[] pem;
        try (InputStream in = Files.newInputStream(pemFile)) {
            pem = in.readNBytes(MAX_PEM_BYTES + 1);
        }
        if (pem.length > MAX_PEM_BYTES) {
            throw new IllegalArgumentException(pemFile + " is too large to be a certificate file");
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(pemFile + " holds no certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("node-" + i++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pemFile + " is not a PEM certificate: " + Texts.describe(e), e);
        }
    }
}
