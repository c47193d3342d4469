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
 *   <li>{@link Reason#PROOF_MISSING} if a proof is required and absent; else, if a proof is present, the
 *       {@link PopVerifier} steps against the token's delegated key, the request's method and URL and no
 *       session.</li>
 * </ol>
 * Immutable and thread-safe; no I/O.
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

    /** Verifies {@code request} at {@code now}. Never throws for any token or proof content. */
    public Verification<Access> verify(AccessRequest request, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        try {
            UnverifiedToken unverified = UnverifiedToken.parse(request.token(), trustedIssuers::get);
            if (!trustedIssuers.isEmpty() && !trustedIssuers.containsKey(unverified.issuer().toBase58())) {
                throw new Refusal(Reason.UNTRUSTED_ISSUER, "issuer " + unverified.issuer().fingerprint()
                        + " is not among the trusted issuers");
            }
            DelegationToken token = unverified.verify();
            policy.checkLifetime(token);
            checkValidity(token, now);
            if (request.proof().isEmpty()) {
                if (proofRequired) {
                    throw new Refusal(Reason.PROOF_MISSING, "send a proof of possession of the delegated key");
                }
                return new Verification.Verified<>(new Access(token, Optional.empty()));
            }
            PopExpectation expected = PopExpectation.forRequest(token.delegatedKey(), request.method(), request.url());
            PopProof proof = proofs.check(request.proof().get(), expected, now);
            return new Verification.Verified<>(new Access(token, Optional.of(proof)));
        } catch (Refusal r) {
            return r.toResult();
        }
    }

    private void checkValidity(DelegationToken token, Instant now) throws Refusal {
        if (token.created().isAfter(now.plus(policy.clockSkew()))) {
            throw new Refusal(Reason.NOT_YET_VALID, "created " + token.created() + " is later than now " + now
                    + " plus the clock skew of " + policy.clockSkew());
        }
        if (!token.expiration().isAfter(now.minus(policy.clockSkew()))) {
            throw new Refusal(Reason.EXPIRED, "expiration " + token.expiration() + " is not after now " + now
                    + " minus the clock skew of " + policy.clockSkew());
        }
    }

    /** Builder for {@link AccessVerifier}. */
    public static final class Builder {
        private Map<String, Ed25519PublicKey> trustedIssuers;
        private TimePolicy policy = TimePolicy.DEFAULT;
        private PopVerifier proofs = PopVerifier.withDefaults();
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

        /** Refuse tokens presented without a proof of possession ({@link Reason#PROOF_MISSING}). */
        public Builder requireProof() {
            this.proofRequired = true;
            return this;
        }

        /** The proof verifier (its skew); default {@link PopVerifier#withDefaults()}. */
        public Builder proofVerifier(PopVerifier proofs) {
            this.proofs = Objects.requireNonNull(proofs, "proofs");
            return this;
        }

        /** @throws IllegalStateException if neither {@link #trustedIssuers} nor {@link #anyIssuer} was called */
        public AccessVerifier build() {
            if (trustedIssuers == null) {
                throw new IllegalStateException("choose trustedIssuers(…) or anyIssuer()");
            }
            return new AccessVerifier(this);
        }
    }
}
