package dev.turnpike.l402;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of {@link L402Verifier#verify(Credential, RequestContext)}: {@link Valid} or {@link Invalid}. */
public sealed interface VerificationResult permits VerificationResult.Valid, VerificationResult.Invalid {

    /** True for {@link Valid}. */
    boolean isValid();

    /**
     * The credential is valid for the request.
     *
     * @param identifier the decoded identifier (payment hash, token id)
     * @param tier       the tier of the request's service in the last {@code services} caveat
     * @param caveats    all parsable first-party caveats, in order (including unknown and preimage ones)
     * @param expiresAt  when the token expires for the request's service (its last, tightest
     *                   {@code <service>_valid_until}, as {@link L402Verifier#expiresAt}); empty if never
     */
    record Valid(L402Identifier identifier, int tier, List<L402Caveat> caveats, Optional<Instant> expiresAt)
            implements VerificationResult {
        public Valid {
            Objects.requireNonNull(identifier, "identifier");
            caveats = List.copyOf(caveats);
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** The token id, e.g. for metering or revocation. */
        public TokenId tokenId() {
            return identifier.tokenId();
        }

        /**
         * Until when (exclusive) this verdict may stand for the same credential and the same request context
         * (service, required capability) without verifying again, <b>provided the caller still checks
         * revocation</b> each time, as the verifier does: {@link #expiresAt}, or {@link Instant#MAX} for a token
         * that never expires. Empty when the verdict must not be reused: a caveat other than the built-in ones
         * ({@code services}, {@code preimage}, {@code *_capabilities}, {@code *_valid_until}) may have taken part,
         * e.g. a configured constraint, which may look at the request or the time.
         */
        public Optional<Instant> cacheableUntil() {
            return CaveatRules.allBuiltIn(caveats) ? Optional.of(expiresAt.orElse(Instant.MAX)) : Optional.empty();
        }

        @Override
        public boolean isValid() {
            return true;
        }
    }

    /**
     * The credential is refused.
     *
     * @param reason the single reason
     * @param cause  for {@link Reason#BACKEND_UNAVAILABLE}, the backend's exception (for logging); else null
     */
    record Invalid(Reason reason, Throwable cause) implements VerificationResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }

        /** The backend failure, if any. */
        public Optional<Throwable> failure() {
            return Optional.ofNullable(cause);
        }

        @Override
        public boolean isValid() {
            return false;
        }
    }
}
