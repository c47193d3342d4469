package dev.turnpike.bifrost;

import static dev.turnpike.bifrost.TokenFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.encoding.Base64Url;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renewal as Sourceful's later revision sketches it: the bridge signs a renew certificate for a token whose grant has
 * not ended, the application wraps it in a renew token signed by its delegated key, and an API checks all three.
 */
class RenewalTest {
    private final TokenFixture f = new TokenFixture();
    private final Ed25519KeyPair bridge = TestData.keyPair(40);
    private final Ed25519KeyPair stranger = TestData.keyPair(41);
    private final RenewalIssuer issuer = new RenewalIssuer(bridge, TimePolicy.DEFAULT, Duration.ofMinutes(10),
            Duration.ofDays(7));
    private final RenewVerifier verifier = new RenewVerifier(List.of(bridge.publicKey()),
            AccessVerifier.builder().anyIssuer().build());

    /** A one-hour token whose permissions grant 12 hours (expires_in 43200): renewable until NOW + 12 h. */
    private String shortToken() {
        return f.tokenAt(NOW, Duration.ofHours(1));
    }

    private String certificate(String token, Instant at) {
        DelegationToken checked = ((Verification.Verified<DelegationToken>) issuer.check(token, at)).value();
        return issuer.certify(checked, at).certificate();
    }

    private RenewCertificate verified(String renewToken, Instant at) {
        Verification<RenewCertificate> v = verifier.verify(renewToken, at);
        assertThat(v).as(v.toString()).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified<RenewCertificate>) v).value();
    }

    private void assertRefused(String renewToken, Instant at, Reason reason) {
        Verification<RenewCertificate> v = verifier.verify(renewToken, at);
        assertThat(v).isInstanceOf(Verification.Refused.class);
        assertThat(((Verification.Refused<RenewCertificate>) v).reason()).isEqualTo(reason);
    }

    @Test
    void aTokenPastItsExpirationIsRenewedWithinItsGrantAndTheRenewTokenStandsForIt() {
        Instant later = NOW.plus(Duration.ofHours(3)); // the token itself expired two hours ago
        String cert = certificate(shortToken(), later);
        String renew = RenewToken.sign(f.app, cert);

        assertThat(RenewToken.isRenewToken(renew)).isTrue();
        assertThat(RenewToken.isRenewToken(shortToken())).isFalse();
        RenewCertificate c = verified(renew, later);
        assertThat(c.bridge()).isEqualTo(bridge.publicKey());
        assertThat(c.expiration()).isEqualTo(later.plus(Duration.ofMinutes(10)));
        assertThat(c.token().issuer()).isEqualTo(f.wallet.publicKey());
        assertThat(c.token().delegatedKey()).isEqualTo(f.app.publicKey());
        // neither a certificate nor a renew token passes for a delegation token
        AccessVerifier tokens = AccessVerifier.builder().anyIssuer().build();
        assertThat(tokens.verifyToken(renew, later).isVerified()).isFalse();
        assertThat(tokens.verifyToken(cert, later).isVerified()).isFalse();
    }

    @Test
    void theCertificateNeverOutlivesTheGrantAndTheBridgeRefusesOnceItEnded() {
        Instant nearEnd = NOW.plus(Duration.ofHours(12)).minus(Duration.ofMinutes(3));
        String cert = certificate(shortToken(), nearEnd);
        assertThat(verified(RenewToken.sign(f.app, cert), nearEnd).expiration())
                .isEqualTo(NOW.plus(Duration.ofHours(12)));

        Verification<DelegationToken> ended = issuer.check(shortToken(), NOW.plus(Duration.ofHours(12)));
        assertThat(((Verification.Refused<DelegationToken>) ended).reason()).isEqualTo(Reason.BEYOND_RENEWAL_HORIZON);
        // a token without expires_in grants no more than its own expiration
        String plain = f.tokenWithAttributes(a -> a.remove("permissions"));
        Verification<DelegationToken> past = issuer.check(plain, NOW.plus(Duration.ofHours(12)).plusSeconds(1));
        assertThat(((Verification.Refused<DelegationToken>) past).reason()).isEqualTo(Reason.BEYOND_RENEWAL_HORIZON);
        // the bridge's own horizon caps a long expires_in
        RenewalIssuer strict = new RenewalIssuer(bridge, TimePolicy.DEFAULT, Duration.ofMinutes(10), Duration.ofHours(2));
        Verification<DelegationToken> capped = strict.check(shortToken(), NOW.plus(Duration.ofHours(2)));
        assertThat(((Verification.Refused<DelegationToken>) capped).reason()).isEqualTo(Reason.BEYOND_RENEWAL_HORIZON);
    }

    @Test
    void aCertificateBeyondWhatTheWalletGrantedIsRefusedAtTheApi() {
        String cert = RenewCertificate.sign(bridge, shortToken(), f.request.attributes().nonce().orElseThrow(), NOW,
                NOW.plus(Duration.ofHours(13)));
        assertRefused(RenewToken.sign(f.app, cert), NOW.plus(Duration.ofHours(1)), Reason.BEYOND_RENEWAL_HORIZON);
    }

    @Test
    void aCertificateOfAnUnknownBridgeIsRefused() {
        RenewalIssuer rogue = new RenewalIssuer(stranger, TimePolicy.DEFAULT, Duration.ofMinutes(10), Duration.ofDays(7));
        DelegationToken t = ((Verification.Verified<DelegationToken>) rogue.check(shortToken(), NOW)).value();
        assertRefused(RenewToken.sign(f.app, rogue.certify(t, NOW).certificate()), NOW, Reason.UNTRUSTED_BRIDGE);
    }

    @Test
    void aCertificateWhoseSignatureIsNotItsBridgesIsRefused() {
        String cert = RenewCertificate.sign(bridge, shortToken(), f.request.attributes().nonce().orElseThrow(), NOW,
                NOW.plus(Duration.ofMinutes(10)));
        String signingInput = cert.substring(0, cert.lastIndexOf('.'));
        String forged = signingInput + "."
                + Base64Url.encode(stranger.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
        assertRefused(RenewToken.sign(f.app, forged), NOW, Reason.CERTIFICATE_BAD_SIGNATURE);
    }

    @Test
    void anExpiredCertificateIsRefused() {
        String renew = RenewToken.sign(f.app, certificate(shortToken(), NOW));
        assertThat(verified(renew, NOW.plus(Duration.ofMinutes(11))).expiration()).as("within the clock skew")
                .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertRefused(renew, NOW.plus(Duration.ofMinutes(12)).plusSeconds(1), Reason.CERTIFICATE_EXPIRED);
    }

    @Test
    void aRenewTokenSignedByAnotherKeyThanTheDelegatedKeyIsRefused() {
        assertRefused(RenewToken.sign(stranger, certificate(shortToken(), NOW)), NOW, Reason.RENEW_BAD_SIGNATURE);
    }

    @Test
    void aTamperedTokenInsideTheCertificateIsRefused() {
        String token = shortToken();
        String widened = token.substring(token.indexOf('.'));
        String header = TestData.b64(TokenFixture.HEADER);
        String payload = TestData.b64(f.payload().put("expiration", "2025-04-30T08:50:41Z").toString());
        String tampered = header + "." + payload + widened.substring(widened.lastIndexOf('.'));
        String cert = RenewCertificate.sign(bridge, tampered, f.request.attributes().nonce().orElseThrow(), NOW,
                NOW.plus(Duration.ofMinutes(10)));
        assertRefused(RenewToken.sign(f.app, cert), NOW, Reason.BAD_SIGNATURE);
        assertThat(((Verification.Refused<DelegationToken>) issuer.check(tampered, NOW)).reason())
                .as("the bridge signs no certificate for it").isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aCertificateWhoseNonceIsNotItsTokensIsRefused() {
        String cert = RenewCertificate.sign(bridge, shortToken(), "another-nonce", NOW, NOW.plus(Duration.ofMinutes(10)));
        assertRefused(RenewToken.sign(f.app, cert), NOW, Reason.CERTIFICATE_MISMATCH);
    }

    @Test
    void theHeadersTktIsChecked() {
        String cert = certificate(shortToken(), NOW);
        // a certificate presented as a renew token, and a renew token whose cert is a renew token
        assertRefused(cert, NOW, Reason.MALFORMED);
        assertRefused(RenewToken.sign(f.app, RenewToken.sign(f.app, cert)), NOW, Reason.MALFORMED);
        assertRefused(RenewToken.sign(f.app, shortToken()), NOW, Reason.MALFORMED);
    }
}
