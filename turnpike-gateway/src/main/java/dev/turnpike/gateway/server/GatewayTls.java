package dev.turnpike.gateway.server;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.File;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** The server's TLS: its key and certificate chain; h2 and http/1.1 are offered by ALPN. */
public final class GatewayTls {

    private final SslContext context;

    private GatewayTls(SslContextBuilder builder) {
        try {
            this.context = builder
                    .sslProvider(SslProvider.JDK)
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("invalid TLS key or certificate: " + e.getMessage(), e);
        }
    }

    /** From PEM files: the certificate chain (leaf first) and the PKCS#8 private key. */
    public static GatewayTls fromPem(Path certificateChain, Path privateKey) {
        File chain = certificateChain.toFile();
        File key = privateKey.toFile();
        return new GatewayTls(SslContextBuilder.forServer(chain, key));
    }

    public static GatewayTls of(PrivateKey key, X509Certificate... chain) {
        return new GatewayTls(SslContextBuilder.forServer(key, chain));
    }

    SslContext context() {
        return context;
    }
}
