package dev.turnpike.gateway.server;

import dev.turnpike.io.PrivateFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * {@code tls.self_signed}: a certificate for {@code localhost}, 127.0.0.1 and ::1 (EC P-256, valid ten
 * years), made on first start and kept in the state folder (the key owner-only), so that clients that
 * pinned it keep trusting the gateway across restarts.
 */
public final class SelfSignedCertificate {

    private static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedCertificate() {}

    /** The TLS of these files, made first if either is missing. */
    public static GatewayTls loadOrCreate(Path certFile, Path keyFile, SecureRandom random, Instant now)
            throws IOException {
        if (!Files.exists(certFile) || !Files.exists(keyFile)) {
            create(certFile, keyFile, random, now);
        }
        return GatewayTls.fromPem(certFile, keyFile);
    }

    private static void create(Path certFile, Path keyFile, SecureRandom random, Instant now) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost, O=Turnpike (self-signed)");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()),
                new GeneralName(GeneralName.iPAddress, "::1")
            }));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            PrivateFiles.writeAtomically(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            PrivateFiles.writeAtomically(certFile, pem("CERTIFICATE", certificate.getEncoded())); // the data folder's rule
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
