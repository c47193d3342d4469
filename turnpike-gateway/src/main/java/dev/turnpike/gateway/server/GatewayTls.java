package dev.turnpike.gateway.server;

import dev.turnpike.io.PrivateFiles;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** The server's TLS: its key and certificate chain; h2 (unless HTTP/2 is off) and http/1.1 are offered by ALPN. */
public final class GatewayTls {

    private final SslContext withH2;
    private final SslContext http1Only;

    private GatewayTls(SslContextBuilder builder) {
        builder.sslProvider(SslProvider.JDK).ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
        this.withH2 = build(builder, ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
        this.http1Only = build(builder, ApplicationProtocolNames.HTTP_1_1);
    }

    private static SslContext build(SslContextBuilder builder, String... protocols) {
        try {
            return builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols))
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("invalid TLS key or certificate: " + e.getMessage(), e);
        }
    }

    /**
     * From PEM files: the certificate chain (leaf first) and the PKCS#8 private key.
     *
     * @throws IOException if the key file is open to other users ({@link PrivateFiles#requireOwnerOnly})
     */
    public static GatewayTls fromPem(Path certificateChain, Path privateKey) throws IOException {
        PrivateFiles.requireOwnerOnly(privateKey, "the TLS private key file");
        File chain = certificateChain.toFile();
        File key = privateKey.toFile();
        return new GatewayTls(SslContextBuilder.forServer(chain, key));
    }

    public static GatewayTls of(PrivateKey key, X509Certificate... chain) {
        return new GatewayTls(SslContextBuilder.forServer(key, chain));
    }

    SslContext context(boolean http2) {
        return http2 ? withH2 : http1Only;
    }
}
