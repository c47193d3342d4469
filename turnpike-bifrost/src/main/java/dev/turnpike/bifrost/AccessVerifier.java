package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a delegation token presented to an API: authentic, within its validity, from a trusted issuer if a set
 * of them is configured, and with a valid proof of possession of the delegated key when one is presented or
 * required.
 *
 * <p>Built with {@link #builder()}; the issuer choice is mandatory ({@link Builder#trustedIssuers} or, explicitly,
 * {@link Builder#anyIssuer}), so a verifier cannot be half-configured.
 *
 * <h2>Fixed verification order</h2>
 * <ol>
 *   <li>{@link Reason#MALFORMED}, {@link Reason#UNSUPPORTED_ALGORITHM}, {@link Reason#INVALID_ISSUER_KEY}: as in
 *       {@link DelegationVerifier}.</li>
 *   <li>{@link Reason#UNTRUSTED_ISSUER}: before the signature, so that untrusted tokens cost no signature check.</li>
 *   <li>{@link Reason#BAD_SIGNATURE}, {@link Reason#ATTRIBUTES_INVALID}.</li>
 *   <li>{@link Reason#EXPIRATION_NOT_AFTER_CREATED}, {@link Reason#LIFETIME_TOO_LONG}: see {@link TimePolicy}.</li>
 *   <li>{@link Reason#NOT_YET_VALID}: {@code created} later than now plus the skew.</li>
 *   <li>{@link Reason#EXPIRED}: {@code expiration} not after now minus the skew.</li>
 *   <li>{@link Reason#PROOF_MISSING} if a proof is required and absent; else, if a proof is present and a proof
 *       verifier is configured, the {@link PopVerifier} steps for a DPoP proof ({@link PopExpectation#forToken}):
 *       the token's delegated key, the request's method and URL, the token's hash, not replayed.</li>
 * </ol>
 * The token steps alone are {@link #verifyToken}, for a caller that caches verified tokens and checks a fresh
 * proof on every request. Immutable and thread-safe if the proof verifier's replay cache is; no I/O.
 */
public final class AccessVerifier {
    private final Map<String, Ed25519PublicKey> trustedIssuers;
    private final TimePolicy policy;
    private final PopVerifier proofs;
    private final boolean proofRequired;

    private AccessVerifier(Builder b) {
        this.trustedIssuers = b.trustedIssuers;
        this.policy = b.policy;
        this.proofs = b.proofs;
        this.proofRequired = b.proofRequired;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies {@code request} at {@code now}. Never throws for any token or proof content. A proof presented to a
     * verifier without a {@link Builder#proofVerifier} is not looked at.
     */
    public Verification<Access> verify(AccessRequest request, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        try {
            DelegationToken token = checkToken(request.token(), now);
            if (request.proof().isEmpty()) {
                if (proofRequired) {
                    throw new Refusal(Reason.PROOF_MISSING, "send a proof of possession of the delegated key");
                }
                return new Verification.Verified<>(new Access(token, Optional.empty()));
            }
            if (proofs == null) {
                return new Verification.Verified<>(new Access(token, Optional.empty()));
            }
            PopExpectation expected = PopExpectation.forToken(token, request.method(), request.url());
            PopProof proof = proofs.check(request.proof().get(), expected, now);
            return new Verification.Verified<>(new Access(token, Optional.of(proof)));
        } catch (Refusal r) {
            return r.toResult();
        }
    }

    /** The token steps of {@link #verify} alone (no proof step). Never throws for any token content. */
    public Verification<DelegationToken> verifyToken(String compactToken, Instant now) {
        Objects.requireNonNull(compactToken, "compactToken");
        Objects.requireNonNull(now, "now");
        try {
            return new Verification.Verified<>(checkToken(compactToken, now));
        } catch (Refusal r) {
            return r.toResult();
        }
    }

    private DelegationToken checkToken(String compactToken, Instant now) throws Refusal {
        DelegationToken token = checkGrant(compactToken, now);
        if (!token.expiration().isAfter(now.minus(policy.clockSkew()))) {
            throw new Refusal(Reason.EXPIRED, "expiration " + token.expiration() + " is not after now " + now
                    + " minus the clock skew of " + policy.clockSkew());
        }
        return token;
    }

    /**
     * Every token step but {@link Reason#EXPIRED}: what renewal checks of the token it extends ({@link RenewVerifier},
     * {@link RenewalIssuer}), which then applies its own end, the renewal horizon.
     */
    DelegationToken checkGrant(String compactToken, Instant now) throws Refusal {
        UnverifiedToken unverified = UnverifiedToken.parse(compactToken, trustedIssuers::get);
        if (!trustedIssuers.isEmpty() && !trustedIssuers.containsKey(unverified.issuer().toBase58())) {
            throw new Refusal(Reason.UNTRUSTED_ISSUER, "issuer " + unverified.issuer().fingerprint()
                    + " is not among the trusted issuers");
        }
        DelegationToken token = unverified.verify();
        policy.checkLifetime(token);
        if (token.created().isAfter(now.plus(policy.clockSkew()))) {
            throw new Refusal(Reason.NOT_YET_VALID, "created " + token.created() + " is later than now " + now
                    + " plus the clock skew of " + policy.clockSkew());
        }
        return token;
    }

    /** The time rules, whose clock skew renewal applies to certificates too. */
    TimePolicy timePolicy() {
        return policy;
    }

    /** Builder for {@link AccessVerifier}. */
    public static final class Builder {
        private Map<String, Ed25519PublicKey> trustedIssuers;
        private TimePolicy policy = TimePolicy.DEFAULT;
        private PopVerifier proofs;
        private boolean proofRequired;

        private Builder() {}

        /**
         * Accept only tokens issued by one of {@code issuers}.
         *
         * @throws IllegalArgumentException if {@code issuers} is empty (use {@link #anyIssuer()} to say so)
         */
        public Builder trustedIssuers(Collection<Ed25519PublicKey> issuers) {
            Objects.requireNonNull(issuers, "issuers");
            if (issuers.isEmpty()) {
                throw new IllegalArgumentException("no trusted issuer given; call anyIssuer() to accept every issuer");
            }
            Map<String, Ed25519PublicKey> byText = new LinkedHashMap<>();
            for (Ed25519PublicKey issuer : issuers) {
                byText.put(Objects.requireNonNull(issuer, "issuer").toBase58(), issuer);
            }
            this.trustedIssuers = Map.copyOf(byText);
            return this;
        }

        /** Accept tokens of any issuer (a wallet's key is its identity; authorization is the API's business). */
        public Builder anyIssuer() {
            this.trustedIssuers = Map.of();
            return this;
        }

        /** The time rules; default {@link TimePolicy#DEFAULT}. */
        public Builder timePolicy(TimePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Refuse tokens presented without a proof of possession ({@link Reason#PROOF_MISSING}); needs a
         * {@link #proofVerifier}.
         */
        public Builder requireProof() {
            this.proofRequired = true;
            return this;
        }

        /** Checks presented proofs (its window and replay cache); without one, proofs are not looked at. */
        public Builder proofVerifier(PopVerifier proofs) {
            this.proofs = Objects.requireNonNull(proofs, "proofs");
            return this;
        }

        /**
         * @throws IllegalStateException if neither {@link #trustedIssuers} nor {@link #anyIssuer} was called, or a
         *                               proof is required without a proof verifier
         */
        public AccessVerifier build() {
            if (trustedIssuers == null) {
                throw new IllegalStateException("choose trustedIssuers(…) or anyIssuer()");
            }
            if (proofRequired && proofs == null) {
                throw new IllegalStateException("requireProof() needs a proofVerifier(…)");
            }
            return new AccessVerifier(this);
        }
    }
}
