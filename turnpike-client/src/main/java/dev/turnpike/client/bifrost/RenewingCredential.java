package dev.turnpike.client.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.RenewToken;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The credential an application sends an API, renewed by itself: its delegation token while that is fresh, then a
 * renew token (signed by the application's key) around the latest renew certificate of the bridge, fetched from
 * {@code POST {bridge}/api/renew} with the token and a DPoP proof whenever what is in use has less than a tenth of
 * its lifetime or {@value #MARGIN_SECONDS} s left (see docs/bifrost.md, "Renewal"). Each new certificate is handed
 * to a {@link CertificateSink} (the token file keeps it). If a renewal fails (the bridge is down, the grant has
 * ended, the token was revoked) the current credential is kept and the API answers for it. Thread-safe.
 */
public final class RenewingCredential implements AutoCloseable {

    /** Renew when less than this is left (or a tenth of the lifetime, whichever is more). */
    static final long MARGIN_SECONDS = 120;
    static final String RENEW_PATH = "/api/renew";

    /** A renew certificate the bridge signed, valid from {@code created} to {@code expiration}. */
    public record Certificate(String certificate, Instant created, Instant expiration) {
        public Certificate {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(expiration, "expiration");
        }
    }

    /** Where each new certificate is kept, e.g. {@link TokenFile#writeCertificate}. */
    @FunctionalInterface
    public interface CertificateSink {
        void accept(Certificate certificate) throws IOException;
    }

    private final Ed25519KeyPair key;
    private final TokenFile.Stored stored;
    private final CertificateSink sink;
    private final BridgeHttp bridge;
    private final Clock clock;
    private final SecureRandom random;
    private Certificate certificate;
    private String renewToken;

    /**
     * @param key    the application's key pair (the token's delegated key)
     * @param stored the token, its times, its bridge and the certificate kept last time, if any
     * @param http   the client for the bridge, or null for one of this credential's own
     */
    public RenewingCredential(Ed25519KeyPair key, TokenFile.Stored stored, CertificateSink sink, HttpClient http,
            Clock clock, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.stored = Objects.requireNonNull(stored, "stored");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.bridge = new BridgeHttp(http, Duration.ofSeconds(30));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        stored.certificate().ifPresent(this::use);
    }

    /** The credential of the token in {@code tokenFile}, keeping each new certificate there. */
    public static RenewingCredential ofTokenFile(Ed25519KeyPair key, Path tokenFile, HttpClient http, Clock clock,
            SecureRandom random) throws IOException {
        return new RenewingCredential(key, TokenFile.read(tokenFile),
                c -> TokenFile.writeCertificate(tokenFile, c), http, clock, random);
    }

    /** What to send now as {@code Authorization: DPoP <credential>}, renewing first when it is due. */
    public synchronized String current() {
        Instant now = clock.instant();
        if (certificate == null && !due(stored.created(), stored.expiration(), now)) {
            return stored.token();
        }
        if (certificate == null || due(certificate.created(), certificate.expiration(), now)) {
            renew(now).ifPresent(this::use);
        }
        return certificate == null ? stored.token() : renewToken;
    }

    /** Whether less than a tenth of {@code from..to}, or the margin, is left at {@code now}. */
    static boolean due(Instant from, Instant to, Instant now) {
        Duration margin = Duration.between(from, to).dividedBy(10);
        if (margin.getSeconds() < MARGIN_SECONDS) {
            margin = Duration.ofSeconds(MARGIN_SECONDS);
        }
        return !now.plus(margin).isBefore(to);
    }

    private void use(Certificate c) {
        certificate = c;
        renewToken = RenewToken.sign(key, c.certificate());
    }

    /** A new certificate from the bridge, kept by the sink; empty when the bridge would not or could not give one. */
    private Optional<Certificate> renew(Instant now) {
        URI uri = URI.create(stored.bridge() + RENEW_PATH);
        String proof = PopProof.createDpop(key, "POST", uri.toString(), stored.token(), now, random);
        try {
            JsonNode answer = bridge.call(BridgeHttp.jsonRequest(uri)
                    .header("Authorization", "DPoP " + stored.token()).header("DPoP", proof)
                    .POST(HttpRequest.BodyPublishers.noBody())).json();
            if (!answer.path("cert").isTextual() || !answer.path("expires_at").canConvertToLong()) {
                return Optional.empty();
            }
            Certificate c = new Certificate(answer.get("cert").textValue(), now,
                    Instant.ofEpochSecond(answer.get("expires_at").longValue()));
            keep(c);
            return Optional.of(c);
        } catch (BifrostException e) {
            return Optional.empty(); // the API will answer for the credential in use
        }
    }

    /** Hands {@code c} to the sink; a certificate that could not be kept is still used in this process. */
    private void keep(Certificate c) {
        try {
            sink.accept(c);
        } catch (IOException e) {
            // the next run fetches another one
        }
    }

    @Override
    public void close() {
        bridge.close();
    }
}
