package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies a {@link RenewToken} presented to an API in place of a delegation token.
 *
 * <h2>Fixed verification order</h2>
 * <ol>
 *   <li>{@link Reason#MALFORMED}: the renew token or its certificate is not a JWS of the right {@code tkt} with its
 *       claims ({@code cert}; {@code iss}, {@code created}, {@code expiration}, {@code dtoken}, optional
 *       {@code nonce}).</li>
 *   <li>{@link Reason#UNTRUSTED_BRIDGE}: the certificate's {@code iss} is not a trusted bridge key.</li>
 *   <li>{@link Reason#CERTIFICATE_BAD_SIGNATURE}, then {@link Reason#CERTIFICATE_EXPIRED}: {@code created} later than
 *       now plus the skew, or {@code expiration} not after now minus the skew.</li>
 *   <li>The delegation token's steps of {@link AccessVerifier} but its expiry (issuer allow-list, signature,
 *       lifetime, not yet valid): the certificate replaces its {@code expiration}.</li>
 *   <li>{@link Reason#CERTIFICATE_MISMATCH}: the certificate's {@code nonce} is not the token's.</li>
 *   <li>{@link Reason#BEYOND_RENEWAL_HORIZON}: the certificate outlives what the wallet granted: the token's
 *       {@code created} plus its {@code permissions.expires_in}, or without it the token's {@code expiration} (see
 *       {@link RenewCertificate#horizon}; a bridge's shorter horizon is the bridge's business).</li>
 *   <li>{@link Reason#RENEW_BAD_SIGNATURE}: the renew token is not signed by the token's delegated key.</li>
 * </ol>
 * Revocation and the proof of possession are the caller's (with the token's delegated key and the renew token's
 * hash). Immutable and thread-safe; no I/O.
 */
public final class RenewVerifier {
    private final Set<Ed25519PublicKey> bridges;
    private final AccessVerifier tokens;

    /**
     * @param bridges the bridge keys whose certificates are accepted (none: every renew token is refused)
     * @param tokens  how the renewed delegation token is checked (issuers, time policy)
     */
    public RenewVerifier(Collection<Ed25519PublicKey> bridges, AccessVerifier tokens) {
        this.bridges = Set.copyOf(bridges);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** Verifies {@code renewToken} at {@code now}. Never throws for any content. */
    public Verification<RenewCertificate> verify(String renewToken, Instant now) {
        Objects.requireNonNull(renewToken, "renewToken");
        Objects.requireNonNull(now, "now");
        try {
            return new Verification.Verified<>(check(renewToken, now));
        } catch (Refusal r) {
            return r.toResult();
        }
    }

    private RenewCertificate check(String renewToken, Instant now) throws Refusal {
        Jws.Parsed renew = Jws.parse(renewToken, DelegationToken.TYPE, false, Jws.MAX_NESTING_LENGTH);
        RenewCertificate.requireType(renew, RenewToken.TYPE, "a renew token");
        RenewCertificate.Claims cert = RenewCertificate.Claims.of(
                RenewCertificate.text(renew.payload(), RenewToken.CERTIFICATE));
        if (!bridges.contains(cert.bridge())) {
            throw new Refusal(Reason.UNTRUSTED_BRIDGE, "bridge " + cert.bridge().fingerprint()
                    + " is not among the bridges trusted here");
        }
        if (!cert.jws().isSignedBy(cert.bridge())) {
            throw new Refusal(Reason.CERTIFICATE_BAD_SIGNATURE, "the certificate is not signed by bridge "
                    + cert.bridge().fingerprint());
        }
        checkTimes(cert, now);
        DelegationToken token = tokens.checkGrant(cert.dtoken(), now);
        if (!cert.nonce().equals(token.attributes().nonce())) {
            throw new Refusal(Reason.CERTIFICATE_MISMATCH, "the certificate's nonce is not its token's");
        }
        Instant granted = RenewCertificate.horizon(token, TimePolicy.MAX_LIFETIME_LIMIT);
        if (cert.expiration().isAfter(granted)) {
            throw new Refusal(Reason.BEYOND_RENEWAL_HORIZON, "the certificate runs to " + cert.expiration()
                    + ", past the grant's end " + granted);
        }
        if (!renew.isSignedBy(token.delegatedKey())) {
            throw new Refusal(Reason.RENEW_BAD_SIGNATURE, "the renew token is not signed by the delegated key "
                    + token.delegatedKey().fingerprint());
        }
        return new RenewCertificate(cert.bridge(), cert.created(), cert.expiration(), token);
    }

    private void checkTimes(RenewCertificate.Claims cert, Instant now) throws Refusal {
        var skew = tokens.timePolicy().clockSkew();
        if (cert.created().isAfter(now.plus(skew))) {
            throw new Refusal(Reason.CERTIFICATE_EXPIRED, "the certificate's created " + cert.created()
                    + " is later than now " + now + " plus the clock skew of " + skew);
        }
        if (!cert.expiration().isAfter(now.minus(skew))) {
            throw new Refusal(Reason.CERTIFICATE_EXPIRED, "the certificate's expiration " + cert.expiration()
                    + " is not after now " + now + " minus the clock skew of " + skew);
        }
    }
}
