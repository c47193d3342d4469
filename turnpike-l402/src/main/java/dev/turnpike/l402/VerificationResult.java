package dev.turnpike.l402;

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
     */
    record Valid(L402Identifier identifier, int tier, List<L402Caveat> caveats) implements VerificationResult {
        public Valid {
            Objects.requireNonNull(identifier, "identifier");
            caveats = List.copyOf(caveats);
        }

        /** The token id, e.g. for metering or revocation. */
        public TokenId tokenId() {
            return identifier.tokenId();
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
